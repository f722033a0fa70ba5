using System.Globalization;
using Leads.Contracts.V1;

namespace Leads.Cli.Seed;

/// <summary>Plausible generated leads for load: the same id always gives the same lead and the same history.</summary>
internal static class GeneratedLeads
{
    // (as written, as it goes into an email address)
    private static readonly (string Name, string Ascii)[] FirstNames =
    [
        ("Anna", "anna"), ("Ben", "ben"), ("Chloé", "chloe"), ("David", "david"), ("Eva", "eva"), ("Farid", "farid"), ("Greta", "greta"),
        ("Hugo", "hugo"), ("Inès", "ines"), ("Jonas", "jonas"), ("Katarzyna", "katarzyna"), ("Lars", "lars"), ("Mia", "mia"), ("Noah", "noah"),
    ];

    private static readonly (string Name, string Ascii)[] LastNames =
    [
        ("Schmidt", "schmidt"), ("Dubois", "dubois"), ("Rossi", "rossi"), ("Nowak", "nowak"), ("Jensen", "jensen"), ("García", "garcia"),
        ("Öztürk", "ozturk"), ("Kowalski", "kowalski"), ("Smith", "smith"), ("Virtanen", "virtanen"), ("Horváth", "horvath"), ("Silva", "silva"),
    ];

    /// <summary>The lead's history as of now (<c>--history none</c>): initialized, then one of four plain outcomes.</summary>
    public static IReadOnlyList<SeedStep> For(long id)
    {
        var random = new Random(unchecked((int)id * 7919));
        var (name, email, phone) = Person(id, random);
        var steps = new List<SeedStep> { TalkLeads.Init(id, name, email, phone) };
        switch (random.Next(4))
        {
            case 1:
                steps.Add(TalkLeads.Status(id, LeadStatus.FollowUp));
                steps.Add(TalkLeads.Followup(id, DateOnly.FromDateTime(DateTime.UtcNow.Date).AddDays(random.Next(1, 60)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                break;
            case 2:
                steps.Add(TalkLeads.Contact(id, email.Replace("@example.com", "@new.example.com", StringComparison.Ordinal), string.Create(CultureInfo.InvariantCulture, $"+1 555 {random.Next(1_000_000, 9_999_999)}")));
                steps.Add(TalkLeads.Status(id, LeadStatus.Converted));
                break;
            case 3:
                steps.Add(TalkLeads.Status(id, LeadStatus.Closed));
                break;
        }

        return steps;
    }

    /// <summary>The lead's name, email and phone, drawn from <paramref name="random"/> (seeded by the id).</summary>
    public static (string Name, string Email, string Phone) Person(long id, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var email = string.Create(CultureInfo.InvariantCulture, $"{first.Ascii}.{last.Ascii}.{id}@example.com");
        var phone = string.Create(CultureInfo.InvariantCulture, $"0{random.Next(10, 99)}-{random.Next(1_000_000, 9_999_999)}");
        return ($"{first.Name} {last.Name}", email, phone);
    }
}
