using System.Globalization;

namespace Leads.EventStore.EventStoreDb;

/// <summary>The server's <c>created</c> metadata: a decimal count of .NET ticks (100 ns) since the Unix epoch, UTC.</summary>
internal static class CreatedTime
{
    private static readonly long MaxTicksAfterEpoch = DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks;

    public static DateTimeOffset Parse(string? value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks) && ticks >= 0 && ticks <= MaxTicksAfterEpoch
            ? new DateTimeOffset(DateTime.UnixEpoch.Ticks + ticks, TimeSpan.Zero)
            : DateTimeOffset.UnixEpoch;

    public static string Format(DateTimeOffset created) =>
        (created.UtcTicks - DateTime.UnixEpoch.Ticks).ToString(CultureInfo.InvariantCulture);
}
