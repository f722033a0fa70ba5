namespace Leads.IntegrationPublisher.Translation;

/// <summary>What the translator makes of one recorded event.</summary>
public abstract record Translation
{
    private Translation()
    {
    }

    /// <summary>Messages to publish in this order (one to three).</summary>
    public sealed record Publish(IReadOnlyList<IntegrationMessage> Messages) : Translation;

    /// <summary>Not a lead event the publisher is meant to see (another stream): nothing to do, nothing to report.</summary>
    public sealed record Ignore : Translation;

    /// <summary>A lead event the publisher cannot turn into messages (unknown type, corrupt data): logged, counted, skipped.</summary>
    public sealed record Untranslatable(string Reason) : Translation;
}
