using System.Globalization;
using Google.Protobuf;
using Leads.EventStore.EventStoreDb.Protocol;

namespace Leads.EventStore.EventStoreDb.Tests.ProtocolFake;

/// <summary>
/// The in-memory event log behind the protocol fake: a global list with EventStoreDB-like positions (commit and
/// prepare differ, so both must be carried) and per-stream revisions, with the server's expected-revision rules.
/// A protocol fake for tests, not a server: no durability, no deduplication, no scavenging.
/// </summary>
public sealed class ProtocolFakeLog
{
    private readonly Lock gate = new();
    private readonly List<StoredEvent> all = [];
    private TaskCompletionSource appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ProtocolFakeLog()
    {
        // Like a fresh server, $all starts with system events.
        AppendSystem("$$$scavenges", "$metadata");
        AppendSystem("$stats-127.0.0.1:2113", "$statsCollected");
    }

    public IReadOnlyList<StoredEvent> All
    {
        get
        {
            lock (gate)
            {
                return [.. all];
            }
        }
    }

    public static ulong CommitOf(int index) => 1_000 + ((ulong)index * 64);

    public static ulong PrepareOf(int index) => CommitOf(index) - 8;

    public void AppendSystem(string stream, string type) =>
        Append(stream, new AppendReq.Types.Options { Any = new Empty() }, [new AppendReq.Types.ProposedMessage
        {
            Id = new UUID { String = Guid.NewGuid().ToString() },
            Metadata = { ["type"] = type, ["content-type"] = "application/json" },
            Data = ByteString.CopyFromUtf8("{}"),
        }]);

    public AppendResp Append(string stream, AppendReq.Types.Options options, IReadOnlyList<AppendReq.Types.ProposedMessage> events)
    {
        TaskCompletionSource signal;
        AppendResp response;
        lock (gate)
        {
            var current = all.Where(e => e.Stream == stream).Select(e => (ulong?)e.Revision).LastOrDefault();
            if (options.ExpectedStreamRevisionCase == AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Any
                && AlreadyWritten(stream, events) is { } duplicateOf)
            {
                // Like the server's quick-retry deduplication: success with the revision but without a position.
                return new AppendResp { Success = new AppendResp.Types.Success { CurrentRevision = duplicateOf, NoPosition = new Empty() } };
            }

            var ok = options.ExpectedStreamRevisionCase switch
            {
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream => current is null,
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.StreamExists => current is not null,
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision => current == options.Revision,
                _ => true,
            };
            if (!ok)
            {
                return WrongExpectedVersion(options, current);
            }

            var next = current is { } c ? c + 1 : 0;
            foreach (var proposed in events)
            {
                var index = all.Count;
                var metadata = new Dictionary<string, string>(proposed.Metadata)
                {
                    ["created"] = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks).ToString(CultureInfo.InvariantCulture),
                };
                var id = proposed.Id.ValueCase == UUID.ValueOneofCase.String ? proposed.Id.String : "structured";
                all.Add(new StoredEvent(stream, next++, CommitOf(index), PrepareOf(index), id, metadata, proposed.CustomMetadata, proposed.Data));
            }

            var last = all[^1];
            response = new AppendResp
            {
                Success = new AppendResp.Types.Success
                {
                    CurrentRevision = next - 1,
                    Position = new AppendResp.Types.Position { CommitPosition = last.Commit, PreparePosition = last.Prepare },
                },
            };
            signal = appended;
            appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
        return response;
    }

    /// <summary>Completes at the next append (take it before looking at <see cref="All"/> to miss nothing).</summary>
    public Task NextAppend
    {
        get
        {
            lock (gate)
            {
                return appended.Task;
            }
        }
    }

    private ulong? AlreadyWritten(string stream, IReadOnlyList<AppendReq.Types.ProposedMessage> events)
    {
        var inStream = all.Where(e => e.Stream == stream).ToList();
        var ids = events.Select(e => e.Id.String).ToList();
        var start = inStream.FindIndex(e => e.Id == ids[0]);
        if (ids.Count == 0 || start < 0 || start + ids.Count > inStream.Count)
        {
            return null;
        }

        return ids.Select((id, i) => inStream[start + i].Id == id).All(same => same) ? inStream[start + ids.Count - 1].Revision : null;
    }

    /// <summary>A real server fills the current fields and the legacy 20.6.0 ones alike.</summary>
    private static AppendResp WrongExpectedVersion(AppendReq.Types.Options options, ulong? current)
    {
        var wrong = new AppendResp.Types.WrongExpectedVersion();
        if (current is { } revision)
        {
            wrong.CurrentRevision = revision;
            wrong.CurrentRevision2060 = revision;
        }
        else
        {
            wrong.CurrentNoStream = new Empty();
            wrong.NoStream2060 = new Empty();
        }

        switch (options.ExpectedStreamRevisionCase)
        {
            case AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision:
                wrong.ExpectedRevision = options.Revision;
                wrong.ExpectedRevision2060 = options.Revision;
                break;
            case AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.StreamExists:
                wrong.ExpectedStreamExists = new Empty();
                wrong.StreamExists2060 = new Empty();
                break;
            case AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream:
                wrong.ExpectedNoStream = new Empty();
                break;
            default:
                wrong.ExpectedAny = new Empty();
                wrong.Any2060 = new Empty();
                break;
        }

        return new AppendResp { WrongExpectedVersion = wrong };
    }
}
