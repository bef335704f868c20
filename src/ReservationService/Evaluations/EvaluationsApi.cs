using System.Security.Claims;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.Auth;
using IceFarm.ReservationService.Http;
using IceFarm.ReservationService.Reservations;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Evaluations;

/// <summary><c>POST /api/v1/reservations/{id}/evaluations</c>: validate every bitstream first, then queue each on its boards.</summary>
internal static class EvaluationsApi
{
    public static IEndpointRouteBuilder MapEvaluations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/reservations/{id:guid}/evaluations", SubmitAsync)
            .RequireAuthorization(FarmClaims.ClientPolicy)
            .DisableAntiforgery()
            .WithTags("Evaluations");
        return app;
    }

    private static async Task<Results<Accepted<EvaluationsAccepted>, ProblemHttpResult>> SubmitAsync(
        Guid id, HttpRequest http, ClaimsPrincipal user, IQuerySession session, WorkerCommands workers,
        IOptions<EvaluationOptions> options, TimeProvider time, CancellationToken ct)
    {
        var (reservation, problem) = await ReservationsApi.LoadOwnedAsync(id, user, session, ct);
        if (reservation is null)
        {
            return problem!;
        }

        if (!reservation.Active)
        {
            return Problems.Gone($"Reservation {id} has ended.");
        }

        if (!http.HasFormContentType)
        {
            return Problems.BadRequest("Send bitstreams as multipart/form-data, one file part per bitstream.");
        }

        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxRequestBytes;
        }

        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Problems.BadRequest($"The multipart body could not be read: {ex.Message}");
        }

        var (bitstreams, bitstreamError) = await ReadBitstreamsAsync(form.Files, options.Value, ct);
        if (bitstreams is null)
        {
            return Problems.BadRequest(bitstreamError!, ProblemTypes.InvalidBitstream);
        }

        var (targets, targetError) = SelectTargets(reservation, form["serials"].ToString());
        if (targets is null)
        {
            return Problems.BadRequest(targetError!);
        }

        var batchId = Guid.CreateVersion7(time.GetUtcNow());
        var accepted = new List<AcceptedEvaluation>(bitstreams.Count * targets.Count);
        foreach (var (label, bytes) in bitstreams)
        {
            foreach (var device in targets)
            {
                var evaluationId = Guid.CreateVersion7(time.GetUtcNow());
                await workers.SendAsync(device.Worker,
                    new EvaluateBitstream(reservation.ReservationId, reservation.ClientId, batchId, evaluationId, device.Serial, label, bytes), ct);
                accepted.Add(new AcceptedEvaluation(evaluationId, label, device.Serial));
            }
        }

        return TypedResults.Accepted($"/api/v1/reservations/{id}", new EvaluationsAccepted(batchId, accepted));
    }

    private static async Task<(List<(string Label, byte[] Bytes)>? Bitstreams, string? Error)> ReadBitstreamsAsync(
        IFormFileCollection files, EvaluationOptions options, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            return (null, "No bitstream: send at least one file part.");
        }

        if (files.Count > options.MaxBitstreamsPerRequest)
        {
            return (null, $"{files.Count} bitstreams in one request; at most {options.MaxBitstreamsPerRequest}.");
        }

        var result = new List<(string, byte[])>(files.Count);
        foreach (var file in files)
        {
            var label = string.IsNullOrWhiteSpace(file.FileName) ? file.Name : file.FileName;
            if (file.Length != Ice40Bitstream.Up5kSize)
            {
                return (null, $"Part '{label}': expected {Ice40Bitstream.Up5kSize:N0} bytes, got {file.Length:N0}.");
            }

            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, ct);
            }

            var validation = BitstreamValidator.Validate(bytes);
            if (!validation.IsValid)
            {
                return (null, $"Part '{label}': {validation.Error}");
            }

            result.Add((label, bytes));
        }

        return (result, null);
    }

    private static (List<ReservationDeviceView>? Targets, string? Error) SelectTargets(ReservationView reservation, string serials)
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
