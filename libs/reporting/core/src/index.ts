// @quartier/reporting-core: the report document model and its renderers (PDF, DOCX, XLSX, CSV) with vector charts and maps. No database, no framework.
