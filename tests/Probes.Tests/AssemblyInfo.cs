// Most tests wait on sockets, not CPU: running them side by side keeps the suite short on two cores.
[assembly: Parallelize(Workers = 4, Scope = ExecutionScope.MethodLevel)]
