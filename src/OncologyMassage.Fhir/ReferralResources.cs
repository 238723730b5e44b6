using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Referrals;
using FhirTask = Hl7.Fhir.Model.Task;

namespace OncologyMassage.Fhir;

/// <summary>
/// The stored referral as BSeR's Task and ServiceRequest, and its feedback as a document Bundle. Built on each read from
/// the referral and its sessions: nothing FHIR-shaped is stored. Task, ServiceRequest and feedback Bundle share the
/// referral's id.
/// </summary>
public static class ReferralResources
{
    public static FhirTask Task(FhirReferral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var task = new FhirTask
        {
            Id = referral.Id,
            Identifier = [new Identifier(FhirSystems.Referral, referral.Id)],
            BasedOn = [new ResourceReference($"ServiceRequest/{referral.Id}")],
            Focus = new ResourceReference($"ServiceRequest/{referral.Id}"),
            Status = TaskStatuses.Of(referral.Stage),
            BusinessStatus = new CodeableConcept(FhirSystems.Stage, TaskStatuses.Code(referral.Stage), referral.Stage.ToString()),
            Intent = FhirTask.TaskIntent.Order,
            AuthoredOn = referral.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
            LastModified = referral.UpdatedAt.ToString("o", CultureInfo.InvariantCulture),
            Owner = Venue(referral.Referral.VenueId),
        };

        if (referral.Stage == Stage.Completed)
        {
            task.Output.Add(new FhirTask.OutputComponent
            {
                Type = new CodeableConcept(FhirSystems.Outcome, "feedback", "Care-team feedback document"),
                Value = new ResourceReference($"Bundle/{referral.Id}"),
            });
        }

        return task;
    }

    public static ServiceRequest ServiceRequest(FhirReferral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var r = referral.Referral;
        return new ServiceRequest
        {
            Id = referral.Id,
            Identifier = [new Identifier(FhirSystems.Referral, referral.Id)],
            Status = referral.Stage switch
            {
                Stage.Completed => RequestStatus.Completed,
                Stage.Declined or Stage.Expired or Stage.Cancelled or Stage.Withdrawn => RequestStatus.Revoked,
                _ => RequestStatus.Active,
            },
            Intent = RequestIntent.Order,
            Code = new CodeableConcept(FhirSystems.Service, ServiceCode(r.Service), r.Service.ToString()),
            Quantity = new Quantity { Value = r.SessionsAuthorised, Unit = "session" },
            // The client by initials only: this service does not serve Patient resources.
            Subject = new ResourceReference { Display = $"Client {r.Client.Initials}" },
            Requester = new ResourceReference { Display = r.Oncologist.Name },
            Performer = [Venue(r.VenueId)],
            AuthoredOn = referral.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// The care-team feedback (BSeR's feedback document): a Composition, the client, one Observation per symptom score
    /// given before or after each session, and the count of sessions given.
    /// </summary>
    public static Bundle Feedback(FhirReferral referral, IReadOnlyList<SessionOutcome> sessions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(sessions);
        var r = referral.Referral;
        var patientUrl = Urn(referral.Id, "patient");
        var venueUrl = Urn(referral.Id, "venue");
        var patient = new Patient
        {
            Name = [new HumanName { Family = r.Client.FamilyName, Given = [r.Client.GivenName] }],
            BirthDate = r.Client.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        var venue = new Organization { Identifier = [new Identifier(FhirSystems.Venue, r.VenueId)], Name = r.VenueId };

        var scores = new List<(string Url, Observation Observation)>();
        foreach (var (session, number) in sessions.OrderBy(s => s.RecordedAt).Select((s, i) => (s, i + 1)))
        {
            foreach (var symptom in Enum.GetValues<Symptom>())
            {
                Add(session, number, symptom, "before", session.Pre[symptom]);
                Add(session, number, symptom, "after", session.Post[symptom]);
            }
        }

        var given = new Observation
        {
            Identifier = [new Identifier(FhirSystems.Referral, $"{referral.Id}:sessions-given")],
            Status = ObservationStatus.Final,
            Code = new CodeableConcept(FhirSystems.Outcome, "sessions-given", "Sessions given"),
            Subject = new ResourceReference(patientUrl),
            Effective = new FhirDateTime(now),
            Value = new Integer(sessions.Count),
            Note = [new Annotation { Text = string.Create(CultureInfo.InvariantCulture, $"{sessions.Count} of {r.SessionsAuthorised} authorised session(s) given.") }],
        };
        var givenUrl = Urn(referral.Id, "sessions-given");

        var composition = new Composition
        {
            Status = CompositionStatus.Final,
            Type = new CodeableConcept(FhirSystems.Loinc, FhirSystems.LoincConsultNote, "Consult note"),
            Subject = new ResourceReference(patientUrl),
            Date = now.ToString("o", CultureInfo.InvariantCulture),
            Author = [new ResourceReference(venueUrl)],
            Title = "Oncology massage: care-team feedback",
            Section =
            [
                new Composition.SectionComponent
                {
                    Title = "Symptom scores before and after each session (0 none – 10 worst)",
                    Entry = scores.Select(s => new ResourceReference(s.Url)).ToList(),
                    EmptyReason = scores.Count == 0 ? new CodeableConcept("http://terminology.hl7.org/CodeSystem/list-empty-reason", "nilknown", "Nil Known") : null,
                },
                new Composition.SectionComponent { Title = "Sessions given", Entry = [new ResourceReference(givenUrl)] },
            ],
        };

        var bundle = new Bundle
        {
            Id = referral.Id,
            Identifier = new Identifier(FhirSystems.Referral, $"{referral.Id}:feedback"),
            Type = Bundle.BundleType.Document,
            Timestamp = now,
        };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = Urn(referral.Id, "composition"), Resource = composition });
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = patientUrl, Resource = patient });
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = venueUrl, Resource = venue });
        bundle.Entry.AddRange(scores.Select(s => new Bundle.EntryComponent { FullUrl = s.Url, Resource = s.Observation }));
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = givenUrl, Resource = given });
        return bundle;

        void Add(SessionOutcome session, int number, Symptom symptom, string when, int? rating)
        {
            if (rating is null)
            {
                return; // a rating not given is left out, never imputed
            }

            var code = OutcomeCode(symptom, when);
            var concept = new CodeableConcept(FhirSystems.Outcome, code, $"{symptom} {when} the session (0–10)");
            if (symptom == Symptom.Pain)
            {
                concept.Coding.Add(new Coding(FhirSystems.Loinc, FhirSystems.LoincPainScore, "Pain severity - 0-10 verbal numeric rating [Score] - Reported"));
            }

            scores.Add((Urn(referral.Id, $"{number}:{code}"), new Observation
            {
                Identifier = [new Identifier(FhirSystems.Referral, $"{referral.Id}:{number}:{code}")],
                Status = ObservationStatus.Final,
                Category = [new CodeableConcept(FhirSystems.ObservationCategory, "survey", "Survey")],
                Code = concept,
                Subject = new ResourceReference(patientUrl),
                Effective = new FhirDateTime(session.RecordedAt),
                Value = new Integer(rating),
            }));
        }
    }

    /// <summary>The local outcome code of a symptom score: <c>pain-before</c>, <c>fatigue-after</c> … (docs/fhir.md).</summary>
    public static string OutcomeCode(Symptom symptom, string when) => $"{symptom.ToString().ToLowerInvariant()}-{when}";

    public static string ServiceCode(Domain.Clinical.ServiceType service) =>
        service == Domain.Clinical.ServiceType.OncologyMassage ? "oncology-massage" : "esthetician-skin-care";

    private static ResourceReference Venue(string venueId) => new() { Identifier = new Identifier(FhirSystems.Venue, venueId) };

    /// <summary>A stable urn:uuid per referral and part, so the same feedback reads the same each time.</summary>
    private static string Urn(string referralId, string part)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{referralId}|{part}"));
        return "urn:uuid:" + new Guid(hash.AsSpan(0, 16)).ToString("D");
    }
}
