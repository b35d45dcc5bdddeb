"""Reply Composer's Qt interface: a thin layer of windows and widgets over ``composer``."""
