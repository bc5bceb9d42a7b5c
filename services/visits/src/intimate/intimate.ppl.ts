// placeholder until the skeleton's PPL directory lands
