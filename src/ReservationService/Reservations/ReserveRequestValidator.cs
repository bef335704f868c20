using System.Xml;
using IceFarm.Contracts.Http;

namespace IceFarm.ReservationService.Reservations;

/// <summary>Turns a client's request into an <see cref="AllocationRequest"/>, or says exactly what is wrong with it.</summary>
internal static class ReserveRequestValidator
{
    public static (AllocationRequest? Request, string? Error) Validate(ReserveRequest? body, string clientId, ReservationOptions options)
    {
        if (body is null)
        {
            return (null, "A JSON body { \"kind\", \"amount\" } or { \"kind\", \"serials\" } is required.");
        }

        if (string.IsNullOrWhiteSpace(body.Kind) || !options.Kinds.Contains(body.Kind, StringComparer.Ordinal))
        {
            return (null, $"Unknown kind '{body.Kind}'. Known kinds: {string.Join(", ", options.Kinds)}.");
        }

        if ((body.Amount is null) == (body.Serials is null))
        {
            return (null, "Give either 'amount' or 'serials', not both and not neither.");
        }

        if (body.Amount is { } amount && (amount < 1 || amount > options.MaxDevicesPerReservation))
        {
            return (null, $"'amount' must be between 1 and {options.MaxDevicesPerReservation}.");
        }

        if (body.Serials is { } serials && (serials.Count == 0 || serials.Count > options.MaxDevicesPerReservation
            || serials.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 64) || serials.Distinct(StringComparer.Ordinal).Count() != serials.Count))
        {
            return (null, $"'serials' must name 1 to {options.MaxDevicesPerReservation} distinct boards.");
        }

        if (body.Args is { } args && (args.Count > 32 || args.Any(a => a.Key.Length is 0 or > 64 || a.Value is null || a.Value.Length > 1024)))
        {
            return (null, "'args' must hold at most 32 string entries with keys up to 64 and values up to 1024 characters.");
        }

        var duration = options.DefaultDuration;
        if (body.Duration is not null && (!TryParseDuration(body.Duration, out duration) || duration <= TimeSpan.Zero || duration > options.MaxDuration))
        {
            return (null, $"'duration' must be an ISO-8601 duration (such as PT30M) up to {XmlConvert.ToString(options.MaxDuration)}.");
        }

        var wait = TimeSpan.Zero;
        if (body.Wait is not null && (!TryParseDuration(body.Wait, out wait) || wait < TimeSpan.Zero || wait > options.MaxWait))
        {
            return (null, $"'wait' must be an ISO-8601 duration (such as PT5M) up to {XmlConvert.ToString(options.MaxWait)}.");
        }

        TimeSpan? keepAlive = null;
        if (body.KeepAlive is not null)
        {
            if (!TryParseDuration(body.KeepAlive, out var ttl) || ttl < options.MinKeepAlive || ttl > options.MaxKeepAlive)
            {
                return (null, $"'keepAlive' must be an ISO-8601 duration from {XmlConvert.ToString(options.MinKeepAlive)} to {XmlConvert.ToString(options.MaxKeepAlive)}.");
            }

            keepAlive = ttl;
        }

        return (new AllocationRequest(clientId, body.Kind, body.Amount ?? body.Serials!.Count, body.Serials,
            body.Args ?? new Dictionary<string, string>(), duration, wait, keepAlive) { ReplaceFailed = body.ReplaceFailed ?? true }, null);
    }

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            duration = default;
            return false;
        }
        catch (OverflowException)
        {
            duration = default;
            return false;
        }
    }
}
