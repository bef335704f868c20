using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.ReservationService.Hosting;

/// <summary>How long the service waits for the broker before a send or publish fails.</summary>
internal sealed class BrokerOptions
{
    public const string Section = "Broker";

    /// <summary>
    /// A send or publish waits this long for the broker (a restart, an upgrade) before it fails with a clear error;
    /// longer than the 60 s outage the farm promises to ride through.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>The longest pause between two attempts while the broker is away.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest one attempt may take before it is abandoned and tried again: a send caught by a connection drop can wait
    /// for a confirm that never comes, and without this it held its evaluation for the whole <see cref="SendTimeout"/>.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [MustBeTrue(ErrorMessage = "Broker: SendTimeout, MaxRetryDelay and AttemptTimeout must be positive, AttemptTimeout at most SendTimeout.")]
    public bool IsPositive => SendTimeout > TimeSpan.Zero && MaxRetryDelay > TimeSpan.Zero && AttemptTimeout > TimeSpan.Zero && AttemptTimeout <= SendTimeout;
}
