namespace Provisioning.Probes.Tests.Soak;

/// <summary>What the test process holds: open sockets (from /proc/self/fd) and managed memory after a full collection.</summary>
internal static class ResourceMeter
{
    /// <summary>File descriptors of this process that are sockets (TCP, UDP and Unix; listeners and connections).</summary>
    public static int OpenSockets()
    {
        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:", StringComparison.Ordinal))
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // Closed while we looked: it is not open any more.
            }
        }
        return count;
    }

    /// <summary>
    /// Managed heap in use after a blocking, compacting collection of every generation: the heap size that collection
    /// left minus its fragmentation. (<see cref="GC.GetTotalMemory"/> was also tried; on this runtime it reported
    /// implausible values, once negative, so it is only printed beside this.)
    /// </summary>
    public static long ManagedBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

    /// <summary>What <see cref="GC.GetTotalMemory"/> says, for comparison in the summary.</summary>
    public static long TotalMemory() => GC.GetTotalMemory(forceFullCollection: false);
}
