using System.Globalization;
using Hl7.Fhir.Model;
using OncologyMassage.Domain.Referrals;
using ReferralRequest = OncologyMassage.Domain.Referrals.ReferralRequest;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace OncologyMassage.Fhir;

/// <summary>
/// Reads a referral Bundle (transaction or message: Patient, ServiceRequest, the requesting Practitioner/PractitionerRole
/// and Organization, the cancer Condition, treatments as Procedure/MedicationStatement) into the JSON API's
/// <see cref="ReferralRequest"/>. It only moves values; the rules are the domain's, applied by the same submission code
/// as the JSON API. What has no structured home goes into the notes the oncologist confirms (docs/fhir.md).
/// </summary>
public static class FhirReferralMapper
{
    /// <summary>SNOMED CT 387713003 "Surgical procedure", from the R4 procedure-category value set.</summary>
    private const string SnomedSurgicalProcedure = "387713003";

    private const string Snomed = "http://snomed.info/sct";

    public static FhirReferralMapping Map(Resource? resource)
    {
        var issues = new List<FhirIssue>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal) { [""] = "Bundle" };
        if (resource is not Bundle bundle)
        {
            issues.Add(new FhirIssue(resource?.TypeName ?? "", "POST a Bundle of type transaction or message holding the referral.", IssueType.NotSupported));
            return new FhirReferralMapping(null, issues, null, sources);
        }

        if (bundle.Type is not (Bundle.BundleType.Transaction or Bundle.BundleType.Message))
        {
            issues.Add(new FhirIssue("Bundle.type", "The Bundle must be of type transaction or message."));
        }

        var entries = new Entries(bundle);
        var requests = entries.OfType<ServiceRequest>().ToArray();
        if (requests.Length != 1)
        {
            issues.Add(new FhirIssue("Bundle.entry", $"The Bundle must hold exactly one ServiceRequest (it holds {requests.Length}).", IssueType.Required));
            return new FhirReferralMapping(null, issues, null, sources);
        }

        var (sr, srPath) = requests[0];
        sources[""] = srPath;
        if (sr.Status != RequestStatus.Active)
        {
            issues.Add(new FhirIssue($"{srPath}.status", "The ServiceRequest's status must be active."));
        }

        var notes = new List<string>();
        notes.AddRange(sr.Note.Select(n => n.Text).OfType<string>().Where(t => !string.IsNullOrWhiteSpace(t)));

        var client = ReadClient(sr, srPath, entries, issues, sources);
        var oncologist = ReadOncologist(sr, srPath, entries, issues, sources);
        var venueId = ReadVenue(sr, srPath, entries, issues, sources);
        var service = ReadService(sr, srPath, sources);
        var summary = ReadClinicalSummary(sr, srPath, entries, notes, sources);
        var sessions = ReadSessions(sr, srPath, issues, sources);

        sources["notes"] = $"{srPath}.note";
        var request = new ReferralRequest(client, oncologist, venueId, service, summary, notes.Count == 0 ? null : string.Join("\n", notes), sessions);
        var key = IdempotencyKey(bundle, sr);
        return new FhirReferralMapping(request, issues, key, sources);
    }

    private static ClientRequest? ReadClient(ServiceRequest sr, string srPath, Entries entries, List<FhirIssue> issues, Dictionary<string, string> sources)
    {
        var found = entries.Resolve<Patient>(sr.Subject) ?? entries.OnlyOne<Patient>();
        if (found is not var (patient, path))
        {
            issues.Add(new FhirIssue($"{srPath}.subject", "The ServiceRequest's subject must be a Patient in the Bundle.", IssueType.Required));
            return null;
        }

        sources["client"] = path;
        var nameIndex = Math.Max(0, patient.Name.FindIndex(n => n.Use == HumanName.NameUse.Official));
        var name = patient.Name.ElementAtOrDefault(nameIndex);
        sources["client.givenName"] = $"{path}.name[{nameIndex}].given";
        sources["client.familyName"] = $"{path}.name[{nameIndex}].family";
        sources["client.dateOfBirth"] = $"{path}.birthDate";

        var phones = patient.Telecom.Select((t, i) => (t, i)).Where(x => x.t.System == ContactPoint.ContactPointSystem.Phone || x.t.System == ContactPoint.ContactPointSystem.Sms).ToArray();
        var mobile = phones.FirstOrDefault(x => x.t.Use == ContactPoint.ContactPointUse.Mobile);
        mobile = mobile.t is null ? phones.FirstOrDefault() : mobile;
        var email = patient.Telecom.Select((t, i) => (t, i)).FirstOrDefault(x => x.t.System == ContactPoint.ContactPointSystem.Email);
        sources["client.mobilePhone"] = mobile.t is null ? $"{path}.telecom" : $"{path}.telecom[{mobile.i}]";
        sources["client.email"] = email.t is null ? $"{path}.telecom" : $"{path}.telecom[{email.i}]";

        // The contact point ranked first (rank 1 is the most preferred) says how the client likes to be reached.
        var first = new[] { mobile.t, email.t }.Where(t => t is not null).OrderBy(t => t!.Rank ?? int.MaxValue).FirstOrDefault();
        var preferred = first?.System == ContactPoint.ContactPointSystem.Email ? "email" : "sms";
        sources["client.preferredContact"] = $"{path}.telecom";

        var zone = patient.GetExtension(FhirSystems.TimeZoneExtension)?.Value as Code;
        sources["client.timeZone"] = $"{path}.extension('{FhirSystems.TimeZoneExtension}')";

        var comms = patient.Communication;
        var commIndex = comms.FindIndex(c => c.Preferred == true);
        commIndex = commIndex < 0 && comms.Count > 0 ? 0 : commIndex;
        var language = commIndex < 0 ? null : comms[commIndex].Language?.Coding.FirstOrDefault()?.Code ?? comms[commIndex].Language?.Text;
        sources["client.preferredLanguage"] = commIndex < 0 ? $"{path}.communication" : $"{path}.communication[{commIndex}].language";

        return new ClientRequest(name?.Given.FirstOrDefault(), name?.Family, patient.BirthDate, mobile.t?.Value, email.t?.Value, preferred, zone?.Value)
        {
            PreferredLanguage = language,
        };
    }

    private static OncologistRequest? ReadOncologist(ServiceRequest sr, string srPath, Entries entries, List<FhirIssue> issues, Dictionary<string, string> sources)
    {
        var role = entries.Resolve<PractitionerRole>(sr.Requester);
        var practitioner = role is var (r, _) ? entries.Resolve<Practitioner>(r.Practitioner) : entries.Resolve<Practitioner>(sr.Requester);
        if (practitioner is not var (person, personPath))
        {
            issues.Add(new FhirIssue($"{srPath}.requester", "The ServiceRequest's requester must be a Practitioner, or a PractitionerRole naming one, in the Bundle.", IssueType.Required));
            return null;
        }

        var organization = (role is var (withOrg, _) ? entries.Resolve<Organization>(withOrg.Organization) : null)
            ?? entries.OnlyOne<Organization>(o => !o.Identifier.Any(i => i.System == FhirSystems.Venue));
        sources["oncologist"] = personPath;
        sources["oncologist.name"] = $"{personPath}.name";
        sources["oncologist.practice"] = organization is var (_, orgPath) ? $"{orgPath}.name" : $"{role?.Path ?? srPath}.organization";

        var telecom = (role?.Resource.Telecom ?? []).Select(t => (t, $"{role!.Value.Path}.telecom")).Concat(person.Telecom.Select(t => (t, $"{personPath}.telecom"))).ToArray();
        var email = telecom.FirstOrDefault(x => x.t.System == ContactPoint.ContactPointSystem.Email);
        var phone = telecom.FirstOrDefault(x => x.t.System == ContactPoint.ContactPointSystem.Phone);
        sources["oncologist.email"] = email.Item2 ?? $"{personPath}.telecom";
        sources["oncologist.phone"] = phone.Item2 ?? $"{personPath}.telecom";

        var name = person.Name.FirstOrDefault();
        var display = name is null ? null
            : !string.IsNullOrWhiteSpace(name.Text) ? name.Text
            : string.Join(' ', name.Prefix.Concat(name.Given).Append(name.Family).Where(p => !string.IsNullOrWhiteSpace(p)));
        return new OncologistRequest(string.IsNullOrWhiteSpace(display) ? null : display, organization?.Resource.Name, email.t?.Value, phone.t?.Value);
    }

    private static string? ReadVenue(ServiceRequest sr, string srPath, Entries entries, List<FhirIssue> issues, Dictionary<string, string> sources)
    {
        for (var i = 0; i < sr.Performer.Count; i++)
        {
            var performer = sr.Performer[i];
            var identifier = performer.Identifier?.System == FhirSystems.Venue
                ? performer.Identifier
                : entries.Resolve<Organization>(performer)?.Resource.Identifier.FirstOrDefault(id => id.System == FhirSystems.Venue);
            if (identifier is not null)
            {
                sources["venueId"] = $"{srPath}.performer[{i}]";
                return identifier.Value;
            }
        }

        issues.Add(new FhirIssue($"{srPath}.performer",
            $"Name the venue in ServiceRequest.performer: an identifier with system {FhirSystems.Venue} and the venue id as value, or a bundled Organization carrying one.",
            IssueType.Required));
        return null;
    }

    private static string ReadService(ServiceRequest sr, string srPath, Dictionary<string, string> sources)
    {
        sources["service"] = $"{srPath}.code";
        return sr.Code?.Coding.FirstOrDefault(c => c.System == FhirSystems.Service)?.Code ?? "oncology-massage";
    }

    private static ClinicalSummaryRequest ReadClinicalSummary(ServiceRequest sr, string srPath, Entries entries, List<string> notes, Dictionary<string, string> sources)
    {
        var conditions = entries.OfType<Condition>().ToArray();
        var precautions = conditions.Where(c => c.Resource.Code?.Coding.Any(x => x.System == FhirSystems.Precaution) == true).ToArray();
        var diagnoses = conditions.Except(precautions).ToArray();
        var reasons = sr.ReasonReference.Select(entries.Resolve<Condition>).OfType<(Condition Resource, string Path)>().Intersect(diagnoses).ToArray();
        var ordered = reasons.Concat(diagnoses.Except(reasons)).ToArray();

        string? cancerType = null;
        sources["clinicalSummary"] = srPath;
        sources["clinicalSummary.cancerType"] = $"{srPath}.reasonReference";
        if (ordered.Length > 0)
        {
            cancerType = Text(ordered[0].Resource.Code);
            sources["clinicalSummary.cancerType"] = $"{ordered[0].Path}.code";
            notes.AddRange(ordered.Skip(1).Select(d => Text(d.Resource.Code)).Where(t => t is not null).Select(t => $"Also diagnosed: {t}."));
        }

        var treatments = new List<TreatmentRequest>();
        foreach (var (procedure, path) in entries.OfType<Procedure>())
        {
            var (start, end) = Dates(procedure.Performed);
            AddTreatment(TreatmentType(procedure.Category) ?? (IsSurgery(procedure.Category) ? "surgery" : null), Text(procedure.Code), start, end, $"{path}.performed");
        }

        foreach (var (statement, path) in entries.OfType<MedicationStatement>())
        {
            var (start, end) = Dates(statement.Effective);
            var medication = statement.Medication is CodeableConcept concept ? Text(concept) : null;
            AddTreatment(TreatmentType(statement.Category is null ? [] : [statement.Category]), medication, start, end, $"{path}.effective");
        }

        var structured = precautions.Select((p, i) =>
        {
            sources[$"clinicalSummary.precautions[{i}]"] = $"{p.Path}.code";
            sources[$"clinicalSummary.precautions[{i}].region"] = $"{p.Path}.bodySite";
            sources[$"clinicalSummary.precautions[{i}].side"] = $"{p.Path}.bodySite";
            sources[$"clinicalSummary.precautions[{i}].detail"] = $"{p.Path}.note";
            var site = p.Resource.BodySite.SelectMany(b => b.Coding).ToArray();
            return new PrecautionRequest(
                p.Resource.Code!.Coding.First(c => c.System == FhirSystems.Precaution).Code,
                site.FirstOrDefault(c => c.System == FhirSystems.BodyRegion)?.Code,
                site.FirstOrDefault(c => c.System == FhirSystems.BodySide)?.Code,
                p.Resource.Note.FirstOrDefault()?.Text);
        }).ToArray();

        return new ClinicalSummaryRequest(cancerType, treatments, structured);

        void AddTreatment(string? type, string? what, string? start, string? end, string datePath)
        {
            if (type is null)
            {
                // No treatment type the clinic's rules know: the oncologist confirms it from the notes instead.
                notes.Add($"Treatment: {what ?? "unnamed"}{(start is null ? "" : $" from {start}")}{(end is null ? "" : $" to {end}")}.");
                return;
            }

            var index = treatments.Count;
            sources[$"clinicalSummary.treatments[{index}]"] = datePath[..datePath.LastIndexOf('.')];
            sources[$"clinicalSummary.treatments[{index}].type"] = datePath[..datePath.LastIndexOf('.')] + ".category";
            sources[$"clinicalSummary.treatments[{index}].startedOn"] = datePath;
            sources[$"clinicalSummary.treatments[{index}].endedOn"] = datePath;
            treatments.Add(new TreatmentRequest(type, start, end));
        }
    }

    private static int? ReadSessions(ServiceRequest sr, string srPath, List<FhirIssue> issues, Dictionary<string, string> sources)
    {
        sources["sessionsAuthorised"] = $"{srPath}.quantity";
        switch (sr.Quantity)
        {
            case null:
                return null;
            case Quantity { Value: { } value } when value == decimal.Truncate(value) && value is >= int.MinValue and <= int.MaxValue:
                return (int)value;
            default:
                issues.Add(new FhirIssue($"{srPath}.quantity", "The sessions authorised must be a whole number in ServiceRequest.quantityQuantity."));
                return null;
        }
    }

    private static string? IdempotencyKey(Bundle bundle, ServiceRequest sr)
    {
        var identifier = bundle.Identifier is { Value.Length: > 0 } ? bundle.Identifier : sr.Identifier.FirstOrDefault(i => !string.IsNullOrEmpty(i.Value));
        return identifier?.Value is { } value ? FhirReferralMapping.KeyFor(identifier.System, value) : null;
    }

    private static string? TreatmentType(IEnumerable<CodeableConcept> categories) =>
        categories.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == FhirSystems.Treatment)?.Code;

    private static bool IsSurgery(IEnumerable<CodeableConcept>? categories) =>
        categories?.SelectMany(c => c.Coding).Any(c => c.System == Snomed && c.Code == SnomedSurgicalProcedure) == true;

    private static bool IsSurgery(CodeableConcept? category) => IsSurgery(category is null ? null : [category]);

    private static string? TreatmentType(CodeableConcept? category) => TreatmentType(category is null ? [] : [category]);

    private static string? Text(CodeableConcept? concept) =>
        concept?.Text is { Length: > 0 } text ? text : concept?.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));

    /// <summary>The calendar dates of a dateTime or Period (the domain takes yyyy-MM-dd; anything else it names as bad).</summary>
    private static (string? Start, string? End) Dates(DataType? value) => value switch
    {
        FhirDateTime at => (DateOf(at.Value), DateOf(at.Value)),
        Period period => (DateOf(period.Start), DateOf(period.End)),
        _ => (null, null),
    };

    private static string? DateOf(string? value) =>
        value is null ? null : value.Length >= 10 && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? value[..10] : value;

    /// <summary>The Bundle's resources with their FHIRPath, and reference resolution inside the Bundle.</summary>
    private sealed class Entries(Bundle bundle)
    {
        private readonly (Resource Resource, string Path, string? FullUrl)[] all = bundle.Entry
            .Select((e, i) => (e.Resource, Path: $"Bundle.entry[{i}].resource", e.FullUrl))
            .Where(e => e.Resource is not null)
            .Select(e => (e.Resource!, e.Path, e.FullUrl))
            .ToArray();

        public IEnumerable<(T Resource, string Path)> OfType<T>()
            where T : Resource => all.Where(e => e.Resource is T).Select(e => ((T)e.Resource, e.Path));

        public (T Resource, string Path)? OnlyOne<T>(Func<T, bool>? where = null)
            where T : Resource
        {
            var matches = OfType<T>().Where(e => where?.Invoke(e.Resource) ?? true).ToArray();
            return matches.Length == 1 ? matches[0] : null;
        }

        public (T Resource, string Path)? Resolve<T>(ResourceReference? reference)
            where T : Resource
        {
            var target = reference?.Reference;
            if (string.IsNullOrEmpty(target))
            {
                return null;
            }

            foreach (var (resource, path, fullUrl) in all)
            {
                if (resource is T typed && (target == fullUrl || (resource.Id is { } id && (target == $"{resource.TypeName}/{id}" || fullUrl?.EndsWith($"/{resource.TypeName}/{id}", StringComparison.Ordinal) == true && target.EndsWith($"{resource.TypeName}/{id}", StringComparison.Ordinal)))))
                {
                    return (typed, path);
                }
            }

            return null;
        }
    }
}
