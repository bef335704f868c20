using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.AdminApi.Hosting;

/// <summary>Settings of the admin API and panel (section <c>AdminApi</c>).</summary>
internal sealed class AdminApiOptions
{
    public const string Section = "AdminApi";

    /// <summary>Where operators find the RabbitMQ management UI; the panel links to it.</summary>
    [Url]
    public string RabbitMqManagementUrl { get; set; } = "http://localhost:15672/";

    /// <summary>Time added by an extend that names no duration.</summary>
    [TimeSpanRange("00:01:00", "1.00:00:00")]
    public TimeSpan DefaultExtension { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most time one admin extend may add.</summary>
    [TimeSpanRange("00:01:00", "7.00:00:00")]
    public TimeSpan MaxExtension { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Deadline of a drain that names none, counted from the request.</summary>
    [TimeSpanRange("00:00:00", "7.00:00:00")]
    public TimeSpan DefaultDrainDeadline { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Latest deadline a drain may be given, counted from the request.</summary>
    [TimeSpanRange("00:01:00", "30.00:00:00")]
    public TimeSpan MaxDrainDeadline { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the panel's live stream re-reads the projections to push changed tables.</summary>
    [TimeSpanRange("00:00:00.100", "00:01:00")]
    public TimeSpan LiveRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}
