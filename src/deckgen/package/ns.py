"""The XML namespaces and relationship types of OOXML packages, spelled once for all of deckgen."""
from __future__ import annotations

# The package (Open Packaging Conventions, ECMA-376 Part 2) and markup compatibility (Part 3).
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

# Document markup: DrawingML, PresentationML, WordprocessingML, relationship ids, PowerPoint 2010 extensions.
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"  # Mark as Decorative (in a cNvPr's extLst)

# Document properties: extended (docProps/app.xml), custom (docProps/custom.xml), their value types, Dublin Core.
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"

# XML itself and XML Schema.
XML = "http://www.w3.org/XML/1998/namespace"
XS = "http://www.w3.org/2001/XMLSchema"

# Relationship types (the `Type` of a `Relationship`).
RT_OFFICE_DOCUMENT = R + "/officeDocument"
RT_NOTES_SLIDE = R + "/notesSlide"
RT_CUSTOM_PROPERTIES = R + "/custom-properties"
RT_SLIDE_MASTER = R + "/slideMaster"
RT_SLIDE_UPDATE_INFO = "http://schemas.microsoft.com/office/2007/relationships/slideUpdateInfo"
# A Word document's parts, as its main part names them.
RT_STYLES = R + "/styles"
RT_NUMBERING = R + "/numbering"
RT_FOOTNOTES = R + "/footnotes"
RT_ENDNOTES = R + "/endnotes"
RT_ALT_CHUNK = R + "/aFChunk"
