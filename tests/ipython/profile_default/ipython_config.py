# Used via IPYTHONDIR by `make test` and `make notebooks`: stored tracebacks carry no colour codes.
c = get_config()  # noqa: F821
c.InteractiveShell.colors = "nocolor"
c.HistoryManager.enabled = False  # no history.sqlite churn in the repository
