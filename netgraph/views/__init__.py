"""Views of the network: the NetworkX graph, matplotlib plots and the interactive HTML page."""
