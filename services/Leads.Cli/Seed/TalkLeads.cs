using Leads.Contracts.V1;

namespace Leads.Cli.Seed;

/// <summary>
/// The leads of the talk the product grew out of. Lead 1410: initialized with stefan@old.example and 03-27243457,
/// Follow-up, follow-up on 2016-11-23, new contact stefan@new.example / 050-8139904, Converted.
/// </summary>
internal static class TalkLeads
{
    public static IReadOnlyList<(long LeadId, IReadOnlyList<SeedStep> Steps)> All { get; } =
    [
        (1410,
        [
            Init(1410, "Stefan Müller", "stefan@old.example", "03-27243457"),
            Status(1410, LeadStatus.FollowUp),
            Followup(1410, "2016-11-23"),
            Contact(1410, "stefan@new.example", "050-8139904"),
            Status(1410, LeadStatus.Converted),
        ]),
        (1411,
        [
            Init(1411, "Maria García", "maria.garcia@example.com", "+34 91 123 4567"),
            Status(1411, LeadStatus.Closed),
        ]),
        (1412,
        [
            Init(1412, "Jan de Vries", "jan@devries.example", "020-555 0199"),
            Status(1412, LeadStatus.FollowUp),
            Followup(1412, "2016-12-01"),
            (c, id, h, ct) => c.ChangeNameAsync(new ChangeNameRequest { LeadId = 1412, Name = "Jan de Vries-Bakker", CommandId = id }, h, cancellationToken: ct).ResponseAsync,
        ]),
        (1413,
        [
            Init(1413, "Aiko Tanaka", "aiko@tanaka.example", "03-5555-0142"),
        ]),
    ];

    public static SeedStep Init(long id, string name, string email, string phone) =>
        (c, commandId, h, ct) => c.InitializeLeadAsync(new InitializeLeadRequest { LeadId = id, Name = name, Email = email, Phone = phone, CommandId = commandId }, h, cancellationToken: ct).ResponseAsync;

    public static SeedStep Status(long id, LeadStatus status) =>
        (c, commandId, h, ct) => c.ChangeStatusAsync(new ChangeStatusRequest { LeadId = id, Status = status, CommandId = commandId }, h, cancellationToken: ct).ResponseAsync;

    public static SeedStep Followup(long id, string date) =>
        (c, commandId, h, ct) => c.SetFollowupAsync(new SetFollowupRequest { LeadId = id, FollowupOn = date, CommandId = commandId }, h, cancellationToken: ct).ResponseAsync;

    public static SeedStep Contact(long id, string email, string phone) =>
        (c, commandId, h, ct) => c.ChangeContactInfoAsync(new ChangeContactInfoRequest { LeadId = id, Email = email, Phone = phone, CommandId = commandId }, h, cancellationToken: ct).ResponseAsync;
}
