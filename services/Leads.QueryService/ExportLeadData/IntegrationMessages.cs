using System.Text.Json;
using System.Text.Json.Nodes;
using Leads.EventStore;
using Leads.IntegrationPublisher.Translation;

namespace Leads.QueryService.ExportLeadData;

/// <summary>
/// The integration messages published about a lead. The publisher keeps no copy of what it sent (only its checkpoint),
/// so they are translated again from the lead's events, revealed as now, by the publisher's own translator: the same
/// messages with the same MessageIds. A forgotten lead's erased values are not published again, and say so.
/// </summary>
internal static class IntegrationMessages
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static JsonObject Of(IReadOnlyList<RecordedEvent> revealed)
    {
        var messages = new JsonArray();
        foreach (var (recorded, translation) in revealed.Zip(IntegrationMessageTranslator.TranslateAll(revealed)))
        {
            switch (translation)
            {
                case Translation.Publish publish:
                    foreach (var m in publish.Messages)
                    {
                        messages.Add(new JsonObject
                        {
                            ["messageId"] = m.MessageId,
                            ["kind"] = m.Kind,
                            ["sourceEventId"] = recorded.EventId,
                            ["message"] = JsonSerializer.SerializeToNode(m.Message, m.Message.GetType(), Web),
                        });
                    }

                    break;
                case Translation.Untranslatable skipped:
                    messages.Add(new JsonObject { ["sourceEventId"] = recorded.EventId, ["notPublished"] = skipped.Reason });
                    break;
            }
        }

        return new JsonObject
        {
            ["source"] = "translated again from the lead's events by the publisher's translator: the publisher keeps no copy of what it sent",
            ["messages"] = messages,
        };
    }
}
