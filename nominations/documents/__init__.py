"""A dossier's documents: private storage, upload checks, the completeness checklist."""
