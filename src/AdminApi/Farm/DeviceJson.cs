using System.Text.Json;

namespace IceFarm.AdminApi.Farm;

/// <summary>
/// Writes device rows as the JSON array of <see cref="IceFarm.Contracts.Http.DeviceInfo"/> that the API promises, straight
/// from the text PostgreSQL returned: ids and times were written by the same serializer, so they are copied, not parsed.
/// </summary>
internal static class DeviceJson
{
    private const int FlushAbove = 32 * 1024;
    private static readonly JsonEncodedText Serial = JsonEncodedText.Encode("serial");
    private static readonly JsonEncodedText Worker = JsonEncodedText.Encode("worker");
    private static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    private static readonly JsonEncodedText Health = JsonEncodedText.Encode("health");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText ClientId = JsonEncodedText.Encode("clientId");
    private static readonly JsonEncodedText ReservationId = JsonEncodedText.Encode("reservationId");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText ExpiresAt = JsonEncodedText.Encode("expiresAt");
    private static readonly JsonEncodedText Hold = JsonEncodedText.Encode("hold");

    public static async Task WriteAsync(IReadOnlyList<DeviceRow> rows, Stream destination, CancellationToken ct)
    {
        await using var writer = new Utf8JsonWriter(destination);
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteString(Serial, row.Serial);
            writer.WriteString(Worker, row.Worker);
            writer.WriteString(State, row.State);
            writer.WriteString(Health, row.Health);
            writer.WriteString(Reason, row.Reason);
            writer.WriteString(ClientId, row.ClientId);
            writer.WriteString(ReservationId, row.ReservationId);
            writer.WriteString(Kind, row.Kind);
            writer.WriteString(ExpiresAt, row.ExpiresAt);
            if (row.HoldJson is { } hold)
            {
                // PostgreSQL built it from the same fields the API's DeviceHoldInfo names.
                writer.WritePropertyName(Hold);
                writer.WriteRawValue(hold, skipInputValidation: true);
            }
            else
            {
                writer.WriteNull(Hold);
            }

            writer.WriteEndObject();
            if (writer.BytesPending > FlushAbove)
            {
                await writer.FlushAsync(ct);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(ct);
    }
}
