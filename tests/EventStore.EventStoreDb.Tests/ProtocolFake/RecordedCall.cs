using Google.Protobuf;

namespace Leads.EventStore.EventStoreDb.Tests.ProtocolFake;

/// <summary>A call the protocol fake received: its method, request headers and every request message in order.</summary>
public sealed record RecordedCall(string Method, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<IMessage> Requests);
