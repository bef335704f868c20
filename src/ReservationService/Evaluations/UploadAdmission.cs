using System.Security.Claims;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Http;
using IceFarm.FarmData.Reservations;
using IceFarm.ReservationService.Reservations;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.ReservationService.Evaluations;

/// <summary>
/// What an upload must pass before its bitstreams are queued: the client's bytes in flight, ownership of the
/// reservation (decided while the body starts to arrive; the read stops at once when the caller may not upload here), a
/// readable body, and the bound on what one upload may fan out to the boards.
/// </summary>
internal static class UploadAdmission
{
    public sealed record Admitted(UploadTarget Target, ReservationView Reservation, BitstreamUpload Upload, List<ReservationDeviceView> Boards);

    public static async Task<(Admitted? Upload, ProblemHttpResult? Problem)> AdmitAsync(
        Guid id, HttpRequest http, ClaimsPrincipal user, IQuerySession session, EvaluationOptions options, CancellationToken ct)
    {
        // The reservation's read runs while the body arrives, so its round trip does not add to the upload's time
        // (docs/sdk.md, cause 5). It is not cached: a reservation can end or lose a board on another replica at any moment.
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loading = UploadTarget.LoadAsync(id, session, ct);
        var reading = ReadAsync(http, options, stopReading.Token);
        var target = await loading;
        if (Refusal(target.Reservation, id, ReservationsApi.ClientIdOf(user)) is { } refused)
        {
            // Somebody else's (or no) reservation: its body is not read on; the refusal is the whole answer.
            await stopReading.CancelAsync();
            try
            {
                await reading;
            }
            catch (OperationCanceledException) when (stopReading.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // The read this method stopped: nothing to report beyond the refusal.
            }

            return (null, refused);
        }

        var (upload, problem) = await reading;
        if (upload is null)
        {
            return (null, problem);
        }

        var reservation = target.Reservation!;
        var (boards, boardError) = SelectBoards(reservation, upload.Serials);
        if (boards is null)
        {
            return (null, Problems.BadRequest(boardError!));
        }

        var evaluations = (long)upload.Bitstreams.Count * boards.Count;
        var fanOut = upload.Bitstreams.Sum(b => (long)b.Bytes.Length) * boards.Count;
        if (evaluations > options.MaxEvaluationsPerUpload || fanOut > options.MaxFanOutBytes)
        {
            return (null, TypedResults.Problem(
                $"{upload.Bitstreams.Count} bitstream(s) on {boards.Count} board(s) make {evaluations} evaluations and {fanOut / (1024 * 1024)} MiB " +
                $"for the workers; one upload may make at most {options.MaxEvaluationsPerUpload} and {options.MaxFanOutBytes / (1024 * 1024)} MiB. " +
                "Split it, or name fewer boards (serials).",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large", type: ProblemTypes.UploadTooLarge));
        }

        return (new Admitted(target, reservation, upload, boards), null);
    }

    /// <summary>The 429 when the client already has its budget of upload bytes in flight on this replica.</summary>
    public static ProblemHttpResult OverBudget(HttpRequest http, long budget)
    {
        http.HttpContext.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem($"At most {budget / (1024 * 1024)} MiB of uploads in flight per client; wait for an upload to be answered.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", type: ProblemTypes.RateLimited);
    }

    private static ProblemHttpResult? Refusal(ReservationView? reservation, Guid id, string clientId) => reservation switch
    {
        null => Problems.NotFound($"No reservation {id}."),
        { } r when r.ClientId != clientId => Problems.Forbidden($"Reservation {id} belongs to another client."),
        { Active: false } => Problems.Gone($"Reservation {id} has ended."),
        _ => null,
    };

    private static async Task<(BitstreamUpload? Upload, ProblemHttpResult? Problem)> ReadAsync(HttpRequest http, EvaluationOptions options, CancellationToken ct)
    {
        if (BitstreamUpload.BoundaryOf(http.ContentType) is not { } boundary)
        {
            return (null, Problems.BadRequest("Send bitstreams as multipart/form-data, one file part per bitstream."));
        }

        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxRequestBytes;
        }

        try
        {
            var (upload, error) = await BitstreamUpload.ReadAsync(http.Body, boundary, options.MaxBitstreamsPerRequest, ct);
            return upload is null ? (null, Problems.BadRequest(error!, ProblemTypes.InvalidBitstream)) : (upload, null);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, Problems.BadRequest($"The multipart body could not be read: {ex.Message}"));
        }
    }

    private static (List<ReservationDeviceView>? Boards, string? Error) SelectBoards(ReservationView reservation, string serials)
    {
        var held = reservation.Devices.Where(d => d.State != ReservationDeviceState.Released).ToList();
        if (string.IsNullOrWhiteSpace(serials))
        {
            return (held, null);
        }

        var wanted = serials.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var unknown = wanted.Where(s => held.All(d => d.Serial != s)).ToList();
        return unknown.Count > 0
            ? (null, $"Not boards of this reservation: {string.Join(", ", unknown)}.")
            : (held.Where(d => wanted.Contains(d.Serial)).ToList(), null);
    }
}
