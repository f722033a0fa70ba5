namespace Leads.Analytics;

/// <summary>A question with a bad period or bucket: <see cref="Field"/> names the field, the message says what is wrong.</summary>
public sealed class AnalyticsArgumentException : ArgumentException
{
    public AnalyticsArgumentException()
    {
        Field = "";
    }

    public AnalyticsArgumentException(string message)
        : base(message)
    {
        Field = "";
    }

    public AnalyticsArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "";
    }

    public AnalyticsArgumentException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public string Field { get; }
}
