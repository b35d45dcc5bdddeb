"""The seller's own replies: editing a scenario as data (``spec``), writing its file as a
person would (``toml_writer``), checking it as the loader does (``checking``), the seller's
folder with its drafts (``own``) and template packs (``packs``). No Qt."""
