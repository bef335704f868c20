using System.ComponentModel.DataAnnotations;

namespace IceFarm.FarmData.Http;

/// <summary>How the HTTP APIs answer while PostgreSQL is unreachable (section <c>DatabaseOutage</c>).</summary>
internal sealed class DatabaseOutageOptions
{
    public const string Section = "DatabaseOutage";

    /// <summary>The <c>Retry-After</c> of a 503 <c>database-unavailable</c> answer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
