namespace Leads.Domain;

/// <summary>Why a command was refused. Each kind maps to one gRPC status at the edge.</summary>
public enum DomainErrorKind
{
    InvalidArgument,
    NotFound,
    AlreadyExists,
    FailedPrecondition,
}

/// <summary>A refused command: its kind, the field at fault (if one), and a message a caller can act on.</summary>
public sealed record DomainError(DomainErrorKind Kind, string Message, string? Field = null)
{
    public static DomainError Invalid(string field, string message) => new(DomainErrorKind.InvalidArgument, message, field);
    public static DomainError NotFound(long leadId) => new(DomainErrorKind.NotFound, $"lead {leadId} does not exist");
    public static DomainError Precondition(string message) => new(DomainErrorKind.FailedPrecondition, message);

    public static DomainError Forgotten(long leadId) => new(
        DomainErrorKind.FailedPrecondition, $"lead was forgotten: lead {leadId}'s personal data was erased and it takes no more commands");
}
