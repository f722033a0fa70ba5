namespace Leads.Search.Elasticsearch;

/// <summary>Field names and document ids of the search index.</summary>
internal static class SearchFields
{
    public const string Kind = "kind";
    public const string LeadKind = "lead";
    public const string ParkedKind = "parked";
    public const string CheckpointKind = "checkpoint";
    public const string RebuildKind = "rebuild";

    /// <summary>The id of the checkpoint document, and of the marker of an index being rebuilt.</summary>
    public const string CheckpointId = "checkpoint";
    public const string RebuildId = "rebuild";

    public const string LeadId = "leadId";
    public const string StreamField = "stream";
    public const string Status = "status";
    public const string PositionCommit = "posCommit";
    public const string PositionPrepare = "posPrepare";

    public const string EmailCurrent = "emailCurrent";
    public const string EmailHistorical = "emailHistorical";
    public const string PhoneCurrent = "phoneCurrent";
    public const string PhoneHistorical = "phoneHistorical";
    public const string NameCurrent = "nameCurrent";
    public const string NameHistorical = "nameHistorical";

    /// <summary>The edge n-gram sub-field of a phone field: every prefix of the digits is a term.</summary>
    public const string PrefixSubField = "prefix";

    /// <summary>The whole search document or parked event as JSON (kept in _source, not indexed).</summary>
    public const string Document = "doc";

    public const string TargetCommit = "targetCommit";
    public const string TargetPrepare = "targetPrepare";

    /// <summary>The longest name word and phone prefix indexed as a gram; longer query terms are cut (then confirmed).</summary>
    public const int MaxNameGram = 32;
    public const int MaxPhoneGram = 24;

    public static string ParkedDocumentId(Guid eventId) => "parked-" + eventId.ToString("N");
}
