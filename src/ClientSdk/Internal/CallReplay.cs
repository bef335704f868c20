namespace IceFarm.Client.Internal;

/// <summary>Whether a call may be sent again when its answer is in doubt.</summary>
internal enum CallReplay
{
    /// <summary>Sending it twice does what sending it once does (GET, DELETE, extend, a POST with an Idempotency-Key): retried on 502, 503, 504 and lost connections.</summary>
    Safe,

    /// <summary>Sending it twice may do it twice (reboot): retried only when the farm certainly did nothing (503, or no connection was made).</summary>
    IfNotDone,
}
