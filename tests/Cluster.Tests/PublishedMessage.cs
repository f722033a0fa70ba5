namespace Cluster.Tests;

/// <summary>One delivery read off the queue: its AMQP message id, the exchange it came through, and its source event.</summary>
public sealed record PublishedMessage(string MessageId, string Exchange, Guid SourceEventId, long LeadId);
