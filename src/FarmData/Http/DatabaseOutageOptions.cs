using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.FarmData.Http;

/// <summary>How the HTTP APIs answer while PostgreSQL is unreachable (section <c>DatabaseOutage</c>).</summary>
internal sealed class DatabaseOutageOptions
{
    public const string Section = "DatabaseOutage";

    /// <summary>The <c>Retry-After</c> of a 503 <c>database-unavailable</c> answer.</summary>
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
