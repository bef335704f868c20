using System.Security.Claims;
using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Limits;
using IceFarm.FarmData.Reservations;
using IceFarm.ReservationService.Idempotency;
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
        Guid id, HttpRequest http, ClaimsPrincipal user, IQuerySession session, IDocumentStore store, WorkerCommands workers,
        EvaluationOutcomes outcomes, ClientEvents.EvaluationClaims claims, IHostApplicationLifetime lifetime, IOptions<EvaluationOptions> options,
        UploadBudget uploads, IOptions<LimitOptions> limits, TimeProvider time, CancellationToken ct)
    {
        var (key, keyProblem) = IdempotencyKeys.Read(http);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        using var budget = uploads.TryTake(ReservationsApi.ClientIdOf(user), http.ContentLength ?? options.Value.MaxRequestBytes);
        if (!budget.IsAcquired)
        {
            return UploadAdmission.OverBudget(http, limits.Value.UploadBytesInFlightPerClient);
        }

        var (admitted, refused) = await UploadAdmission.AdmitAsync(id, http, user, session, options.Value, ct);
        if (admitted is null)
        {
            return refused!;
        }

        var (target, reservation, upload, targets) = admitted;
        var now = time.GetUtcNow();
        var batchId = EvaluationIds.Create(now);
        var work = new List<(EvaluationTicket Ticket, ReservationDeviceView Device, byte[] Bytes)>(upload.Bitstreams.Count * targets.Count);
        foreach (var (label, bytes) in upload.Bitstreams)
        {
            foreach (var device in targets)
            {
                var ticket = new EvaluationTicket
                {
                    Id = EvaluationIds.Create(now), ReservationId = reservation.ReservationId, ClientId = reservation.ClientId,
                    BatchId = batchId, Serial = device.Serial, Worker = device.Worker, Label = label, SubmittedAt = now,
                };
                work.Add((ticket, device, bytes));
            }
        }

        var accepted = new EvaluationsAccepted(batchId, [.. work.Select(w => new AcceptedEvaluation(w.Ticket.Id, w.Ticket.Label, w.Device.Serial))]);
        var answer = key is null ? null : new IdempotentRequest
        {
            Id = IdempotencyKeys.IdOf(IdempotencyKeys.Evaluations, reservation.ClientId, key), ClientId = reservation.ClientId,
            Operation = IdempotencyKeys.Evaluations, At = now, ReservationId = id, Accepted = accepted,
        };
        var tickets = work.Select(w => w.Ticket).ToList();
        if (!target.Fits(targets.Select(t => t.Serial), upload.Bitstreams.Count, options.Value.MaxOpenPerBoard))
        {
            // A retry of an upload that did commit (its answer was lost) counts against its own first attempt's tickets.
            if (answer is not null && await IdempotencyKeys.FindAsync(store, answer.Id, ct) is { } first)
            {
                return await ResendThenReplayAsync(first, reservation, upload, store, workers, outcomes, lifetime.ApplicationStopping, ct);
            }

            http.HttpContext.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(
                $"A board of this reservation already has {options.Value.MaxOpenPerBoard} evaluations waiting or running; submit more as results arrive.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many evaluations", type: ProblemTypes.Prefix + "too-many-evaluations");
        }

        try
        {
            // The tickets are stored before anything is sent, so a restart still ends every evaluation exactly once. The
            // answer is stored with them: a retry with the same key collides with it and gets this answer, not a second batch.
            await using (var write = store.LightweightSession())
            {
                write.Store(tickets.ToArray());
                if (answer is not null)
                {
                    write.Insert(answer);
                }

                await write.SaveChangesAsync(ct);
            }

            claims.Remember(tickets);
        }
        catch (Exception ex)
        {
            if (answer is not null && IdempotencyKeys.IsDuplicate(ex) && await IdempotencyKeys.FindAsync(store, answer.Id, ct) is { } first)
            {
                return await ResendThenReplayAsync(first, reservation, upload, store, workers, outcomes, lifetime.ApplicationStopping, ct);
            }

            throw;
        }

        // Boards in parallel, each board's commands in submission order: the confirms of one board no longer wait for
        // another's (docs/sdk.md, cause 3), and each board's commands are still sent in upload order. The tickets are
        // stored, so the sends go on if the client gives up waiting (it may retry with its idempotency key): a send
        // abandoned half-way would leave evaluations that never end. Only the host's shutdown stops them.
        await Task.WhenAll(work.GroupBy(w => w.Device.Serial).Select(board =>
            SendBoardAsync(board.ToList(), reservation, batchId, workers, outcomes, lifetime.ApplicationStopping)));
        return TypedResults.Accepted($"/api/v1/reservations/{id}", accepted);
    }

    private static async Task SendBoardAsync(
        List<(EvaluationTicket Ticket, ReservationDeviceView Device, byte[] Bytes)> board, ReservationView reservation, Guid batchId,
        WorkerCommands workers, EvaluationOutcomes outcomes, CancellationToken ct)
    {
        for (var i = 0; i < board.Count; i++)
        {
            var (ticket, device, bytes) = board[i];
            try
            {
                await workers.SendAsync(device.Worker,
                    new EvaluateBitstream(reservation.ReservationId, reservation.ClientId, batchId, ticket.Id, device.Serial, ticket.Label, bytes), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The broker stayed away past Broker:SendTimeout: what was not sent ends now, explicitly, instead of never.
                var unsent = board.Skip(i).Select(w => w.Ticket).ToList();
                await outcomes.FailTicketsAsync(unsent, FailureCategory.Infrastructure, $"the evaluation could not be queued for board {device.Serial}: {ex.Message}", ct);
                return;
            }
        }
    }

    /// <summary>
    /// A retry of an upload whose first attempt committed: its evaluations that are still open are sent again from this
    /// request's bytes (the same key carries the same body), then the first answer is given. The first attempt's process
    /// may have died between storing the tickets and sending them (a ReservationService killed mid-upload), and nothing
    /// else would ever send them: the run stalled on the SDK's result deadline. One that was sent already is evaluated
    /// twice; its ticket lets only the first result through.
    /// </summary>
    private static async Task<Results<Accepted<EvaluationsAccepted>, ProblemHttpResult>> ResendThenReplayAsync(
        IdempotentRequest first, ReservationView reservation, BitstreamUpload upload, IDocumentStore store, WorkerCommands workers,
        EvaluationOutcomes outcomes, CancellationToken stopping, CancellationToken ct)
    {
        if (first.ReservationId == reservation.ReservationId && first.Accepted is { } accepted)
        {
            await using var session = store.QuerySession();
            var open = await session.LoadManyAsync<EvaluationTicket>(ct, accepted.Evaluations.Select(e => e.Id));
            var bytes = upload.Bitstreams.GroupBy(b => b.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Bytes, StringComparer.Ordinal);
            var work = open
                .Select(t => (Ticket: t, Device: reservation.Devices.FindLast(d => d.Serial == t.Serial), Bytes: bytes.GetValueOrDefault(t.Label)))
                .Where(w => w.Device is not null && w.Bytes is not null)
                .Select(w => (w.Ticket, w.Device!, w.Bytes!))
                .ToList();
            await Task.WhenAll(work.GroupBy(w => w.Item2.Serial).Select(board =>
                SendBoardAsync([.. board.OrderBy(w => w.Ticket.Id)], reservation, accepted.BatchId, workers, outcomes, stopping)));
        }

        return Replay(first, reservation.ReservationId);
    }

    /// <summary>The first answer to this key; nothing is queued again.</summary>
    private static Results<Accepted<EvaluationsAccepted>, ProblemHttpResult> Replay(IdempotentRequest first, Guid reservationId) =>
        first.ReservationId == reservationId && first.Accepted is { } accepted
            ? TypedResults.Accepted($"/api/v1/reservations/{reservationId}", accepted)
            : TypedResults.Problem($"This {IdempotencyKeys.Header} was already used for an upload to reservation {first.ReservationId}.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused", type: ProblemTypes.InvalidIdempotencyKey);
}
