"""Arabic text layer: reading, cleaning, normalisation, segmentation."""
