using Microsoft.Win32.SafeHandles;

namespace Leads.Sqlite;

/// <summary>
/// Tells readers of an SQLite file, in this process and in others on this machine, that its writer committed, so that
/// they look at once instead of polling the file. The writer calls <see cref="Announce"/> after each commit: it wakes
/// this process's readers and writes a counter into a small file beside the database (<c>&lt;file&gt;-signal</c>);
/// readers that called <see cref="TryWatchOtherProcesses"/> watch that file (inotify on Linux) and wake on each write.
/// Readers take <see cref="Next"/> before they look, so a commit between the look and the wait is never missed. A
/// reader keeps polling as the fallback, rarely when <see cref="WatchesOtherProcesses"/>, else often.
/// </summary>
public sealed class SqliteCommitSignal(string databasePath) : IDisposable
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SafeFileHandle? _file;
    private FileSystemWatcher? _watcher;
    private long _commits;
    private bool _watchTried;
    private bool _disposed;

    /// <summary>The file the writer writes after each commit and readers watch.</summary>
    public string SignalPath { get; } = System.IO.Path.GetFullPath(databasePath) + "-signal";

    /// <summary>Completes at the next commit announced after this property was read.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>True while other processes' commits wake <see cref="Next"/>; false before watching or once it failed.</summary>
    public bool WatchesOtherProcesses => Volatile.Read(ref _watcher) is not null;

    /// <summary>After a commit: wakes this process's readers, then other processes' (never throws; they poll when it fails).</summary>
    public void Announce()
    {
        Wake();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                _file ??= File.OpenHandle(SignalPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                Span<byte> count = stackalloc byte[sizeof(long)];
                BitConverter.TryWriteBytes(count, ++_commits);
                RandomAccess.Write(_file, count, 0);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Other processes' readers fall back to polling; the next commit tries again.
                _file?.Dispose();
                _file = null;
            }
        }
    }

    /// <summary>
    /// Starts watching for other processes' commits (tried once; later calls say whether it still watches). False when
    /// the file system cannot watch here (e.g. the inotify limits are reached): readers then poll.
    /// </summary>
    public bool TryWatchOtherProcesses()
    {
        lock (_gate)
        {
            if (_watchTried || _disposed)
            {
                return WatchesOtherProcesses;
            }

            _watchTried = true;
            FileSystemWatcher? watcher = null;
            try
            {
                watcher = new FileSystemWatcher(System.IO.Path.GetDirectoryName(SignalPath)!, System.IO.Path.GetFileName(SignalPath))
                {
                    NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
                };
                watcher.Changed += (_, _) => Wake();
                watcher.Created += (_, _) => Wake();
                watcher.Error += (_, e) => Lost(e.GetException());
                watcher.EnableRaisingEvents = true;
                Volatile.Write(ref _watcher, watcher);
                return true;
            }
            catch (Exception error) when (error is IOException or PlatformNotSupportedException or UnauthorizedAccessException or ArgumentException)
            {
                watcher?.Dispose();
                return false;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file?.Dispose();
            _file = null;
        }

        StopWatching();
    }

    private void Wake() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>
    /// Notifications were lost: wake everyone to look now. After an overflow the watch goes on; after any other failure
    /// it has stopped, and readers poll from here on.
    /// </summary>
    private void Lost(Exception error)
    {
        if (error is InternalBufferOverflowException)
        {
            Wake();
        }
        else
        {
            StopWatching();
        }
    }

    private void StopWatching()
    {
        Interlocked.Exchange(ref _watcher, null)?.Dispose();
        Wake();
    }
}
