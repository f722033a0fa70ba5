using System.Globalization;
using Grpc.Core;
using Leads.Security;
using Leads.ServiceDefaults.Security;

namespace Leads.CommandService.Grpc;

/// <summary>
/// <c>x-leads-occurred-at</c>: history entered after the fact (a backfill, <c>leads seed</c>'s two years) says when the
/// change happened in the business, and the command's events carry it as <c>EventMetadata.OccurredAt</c>, which the
/// analytics projection dates them by (the store's recorded time cannot be backdated: EventStoreDB assigns it). Only a
/// caller whose token holds <c>leads.admin</c> may send it; anyone else gets PermissionDenied and nothing is written.
/// The value is an ISO 8601 date (<c>2025-03-14</c>, midnight UTC) or date and time (<c>2025-03-14T09:30:00Z</c>, an
/// offset, or none for UTC), from 2000-01-01 on and not in the future; anything else is InvalidArgument.
/// </summary>
public static class OccurredAtHeader
{
    public const string Name = "x-leads-occurred-at";

    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>The header's time, null when absent; throws the RpcException the caller gets when it may not be used.</summary>
    public static DateTimeOffset? Read(ServerCallContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.RequestHeaders.Get(Name) is not { } header)
        {
            return null;
        }

        if (!CallerIdentity.HasRole(context.GetHttpContext().User, LeadsRoles.Admin))
        {
            throw new RpcException(new Status(
                StatusCode.PermissionDenied,
                $"{Name} backdates history and needs the {LeadsRoles.Admin} role; send the command without it to record it as happening now"));
        }

        return Parse(header.Value, now);
    }

    /// <summary>The time <paramref name="value"/> names, or InvalidArgument (trailer <c>field</c> = the header) saying what is wrong.</summary>
    public static DateTimeOffset Parse(string? value, DateTimeOffset now)
    {
        var text = value?.Trim() ?? "";
        if (!DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw Invalid($"{Name} must be an ISO 8601 date (2025-03-14) or date and time (2025-03-14T09:30:00Z); got '{Shorten(text)}'");
        }

        if (at < Earliest)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"{Name} must not be before 2000-01-01; got {at:O}"));
        }

        return at > now
            ? throw Invalid(string.Create(CultureInfo.InvariantCulture, $"{Name} must not be in the future; got {at:O}, the service's time is {now:O}"))
            : at.ToUniversalTime();
    }

    private static RpcException Invalid(string message) =>
        new(new Status(StatusCode.InvalidArgument, message), new Metadata { { RpcErrors.FieldTrailer, Name } });

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
