"""The pohon kinerja: the cascade from the region's goals to every sub-kegiatan."""
