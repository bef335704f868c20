using System.ComponentModel.DataAnnotations;

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

    [Range(typeof(bool), "true", "true", ErrorMessage = "Broker: SendTimeout and MaxRetryDelay must be positive.")]
    public bool IsPositive => SendTimeout > TimeSpan.Zero && MaxRetryDelay > TimeSpan.Zero;
}
