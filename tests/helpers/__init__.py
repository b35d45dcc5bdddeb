"""What several test modules share: the shipped templates, sample scenario files, running the
command line, finding widgets. Test modules import from here, never from conftest or from each
other."""
