#include "domain/standards/catalog.hpp"

#include <array>

namespace qgp::domain::standards {

namespace {

// The tables below are positional rows on purpose: they read like the standards' own tables.
// NOLINTBEGIN(modernize-use-designated-initializers)

// Harmonized structure (Annex SL) clauses 4-10 as each standard numbers them. Titles are short
// paraphrases, not the licensed text.
constexpr ClauseDef kIso9001Clauses[] = {
    {"4", "Context of the organization"},
    {"4.1", "Organization and its context"},
    {"4.2", "Needs and expectations of interested parties"},
    {"4.3", "Scope of the quality management system"},
    {"4.4", "Quality management system and its processes"},
    {"4.4.1", "Establishing the QMS processes"},
    {"4.4.2", "Documented information for processes"},
    {"5", "Leadership"},
    {"5.1", "Leadership and commitment"},
    {"5.1.1", "General"},
    {"5.1.2", "Customer focus"},
    {"5.2", "Policy"},
    {"5.2.1", "Establishing the quality policy"},
    {"5.2.2", "Communicating the quality policy"},
    {"5.3", "Roles, responsibilities and authorities"},
    {"6", "Planning"},
    {"6.1", "Actions to address risks and opportunities"},
    {"6.1.1", "Risks and opportunities to consider"},
    {"6.1.2", "Planning actions on risks and opportunities"},
    {"6.2", "Quality objectives and planning"},
    {"6.2.1", "Quality objectives"},
    {"6.2.2", "Planning to achieve quality objectives"},
    {"6.3", "Planning of changes"},
    {"7", "Support"},
    {"7.1", "Resources"},
    {"7.1.1", "General"},
    {"7.1.2", "People"},
    {"7.1.3", "Infrastructure"},
    {"7.1.4", "Environment for operating processes"},
    {"7.1.5", "Monitoring and measuring resources"},
    {"7.1.5.1", "General"},
    {"7.1.5.2", "Measurement traceability"},
    {"7.1.6", "Organizational knowledge"},
    {"7.2", "Competence"},
    {"7.3", "Awareness"},
    {"7.4", "Communication"},
    {"7.5", "Documented information"},
    {"7.5.1", "General"},
    {"7.5.2", "Creating and updating"},
    {"7.5.3", "Control of documented information"},
    {"7.5.3.1", "Availability and protection"},
    {"7.5.3.2", "Distribution, storage, retention and disposition"},
    {"8", "Operation"},
    {"8.1", "Operational planning and control"},
    {"8.2", "Requirements for products and services"},
    {"8.2.1", "Customer communication"},
    {"8.2.2", "Determining requirements"},
    {"8.2.3", "Review of requirements"},
    {"8.2.3.1", "Ability to meet requirements"},
    {"8.2.3.2", "Documenting the review"},
    {"8.2.4", "Changes to requirements"},
    {"8.3", "Design and development"},
    {"8.3.1", "General"},
    {"8.3.2", "Design and development planning"},
    {"8.3.3", "Design and development inputs"},
    {"8.3.4", "Design and development controls"},
    {"8.3.5", "Design and development outputs"},
    {"8.3.6", "Design and development changes"},
    {"8.4", "Control of external providers"},
    {"8.4.1", "General"},
    {"8.4.2", "Type and extent of control"},
    {"8.4.3", "Information for external providers"},
    {"8.5", "Production and service provision"},
    {"8.5.1", "Control of production and service provision"},
    {"8.5.2", "Identification and traceability"},
    {"8.5.3", "Property of customers or external providers"},
    {"8.5.4", "Preservation"},
    {"8.5.5", "Post-delivery activities"},
    {"8.5.6", "Control of changes"},
    {"8.6", "Release of products and services"},
    {"8.7", "Control of nonconforming outputs"},
    {"8.7.1", "Handling nonconforming outputs"},
    {"8.7.2", "Documenting nonconforming outputs"},
    {"9", "Performance evaluation"},
    {"9.1", "Monitoring, measurement, analysis and evaluation"},
    {"9.1.1", "General"},
    {"9.1.2", "Customer satisfaction"},
    {"9.1.3", "Analysis and evaluation"},
    {"9.2", "Internal audit"},
    {"9.2.1", "Audit objectives"},
    {"9.2.2", "Audit programme"},
    {"9.3", "Management review"},
    {"9.3.1", "General"},
    {"9.3.2", "Management review inputs"},
    {"9.3.3", "Management review outputs"},
    {"10", "Improvement"},
    {"10.1", "General"},
    {"10.2", "Nonconformity and corrective action"},
    {"10.2.1", "Reacting to nonconformity"},
    {"10.2.2", "Documenting nonconformity"},
    {"10.3", "Continual improvement"},
};

constexpr ClauseDef kIso14001Clauses[] = {
    {"4", "Context of the organization"},
    {"4.1", "Organization and its context"},
    {"4.2", "Needs and expectations of interested parties"},
    {"4.3", "Scope of the environmental management system"},
    {"4.4", "Environmental management system"},
    {"5", "Leadership"},
    {"5.1", "Leadership and commitment"},
    {"5.2", "Environmental policy"},
    {"5.3", "Roles, responsibilities and authorities"},
    {"6", "Planning"},
    {"6.1", "Actions to address risks and opportunities"},
    {"6.1.1", "General"},
    {"6.1.2", "Environmental aspects"},
    {"6.1.3", "Compliance obligations"},
    {"6.1.4", "Planning action"},
    {"6.2", "Environmental objectives and planning"},
    {"6.2.1", "Environmental objectives"},
    {"6.2.2", "Planning to achieve environmental objectives"},
    {"7", "Support"},
    {"7.1", "Resources"},
    {"7.2", "Competence"},
    {"7.3", "Awareness"},
    {"7.4", "Communication"},
    {"7.4.1", "General"},
    {"7.4.2", "Internal communication"},
    {"7.4.3", "External communication"},
    {"7.5", "Documented information"},
    {"7.5.1", "General"},
    {"7.5.2", "Creating and updating"},
    {"7.5.3", "Control of documented information"},
    {"8", "Operation"},
    {"8.1", "Operational planning and control"},
    {"8.2", "Emergency preparedness and response"},
    {"9", "Performance evaluation"},
    {"9.1", "Monitoring, measurement, analysis and evaluation"},
    {"9.1.1", "General"},
    {"9.1.2", "Evaluation of compliance"},
    {"9.2", "Internal audit"},
    {"9.2.1", "General"},
    {"9.2.2", "Internal audit programme"},
    {"9.3", "Management review"},
    {"10", "Improvement"},
    {"10.1", "General"},
    {"10.2", "Nonconformity and corrective action"},
    {"10.3", "Continual improvement"},
};

constexpr ClauseDef kIso45001Clauses[] = {
    {"4", "Context of the organization"},
    {"4.1", "Organization and its context"},
    {"4.2", "Needs and expectations of workers and other interested parties"},
    {"4.3", "Scope of the OH&S management system"},
    {"4.4", "OH&S management system"},
    {"5", "Leadership and worker participation"},
    {"5.1", "Leadership and commitment"},
    {"5.2", "OH&S policy"},
    {"5.3", "Roles, responsibilities and authorities"},
    {"5.4", "Consultation and participation of workers"},
    {"6", "Planning"},
    {"6.1", "Actions to address risks and opportunities"},
    {"6.1.1", "General"},
    {"6.1.2", "Hazard identification and risk assessment"},
    {"6.1.2.1", "Hazard identification"},
    {"6.1.2.2", "Assessment of OH&S and other risks"},
    {"6.1.2.3", "Assessment of OH&S and other opportunities"},
    {"6.1.3", "Legal and other requirements"},
    {"6.1.4", "Planning action"},
    {"6.2", "OH&S objectives and planning"},
    {"6.2.1", "OH&S objectives"},
    {"6.2.2", "Planning to achieve OH&S objectives"},
    {"7", "Support"},
    {"7.1", "Resources"},
    {"7.2", "Competence"},
    {"7.3", "Awareness"},
    {"7.4", "Communication"},
    {"7.4.1", "General"},
    {"7.4.2", "Internal communication"},
    {"7.4.3", "External communication"},
    {"7.5", "Documented information"},
    {"7.5.1", "General"},
    {"7.5.2", "Creating and updating"},
    {"7.5.3", "Control of documented information"},
    {"8", "Operation"},
    {"8.1", "Operational planning and control"},
    {"8.1.1", "General"},
    {"8.1.2", "Eliminating hazards and reducing OH&S risks"},
    {"8.1.3", "Management of change"},
    {"8.1.4", "Procurement"},
    {"8.1.4.1", "General"},
    {"8.1.4.2", "Contractors"},
    {"8.1.4.3", "Outsourcing"},
    {"8.2", "Emergency preparedness and response"},
    {"9", "Performance evaluation"},
    {"9.1", "Monitoring, measurement, analysis and evaluation"},
    {"9.1.1", "General"},
    {"9.1.2", "Evaluation of compliance"},
    {"9.2", "Internal audit"},
    {"9.2.1", "General"},
    {"9.2.2", "Internal audit programme"},
    {"9.3", "Management review"},
    {"10", "Improvement"},
    {"10.1", "General"},
    {"10.2", "Incident, nonconformity and corrective action"},
    {"10.3", "Continual improvement"},
};

constexpr ClauseDef kIso27001Clauses[] = {
    {"4", "Context of the organization"},
    {"4.1", "Organization and its context"},
    {"4.2", "Needs and expectations of interested parties"},
    {"4.3", "Scope of the ISMS"},
    {"4.4", "Information security management system"},
    {"5", "Leadership"},
    {"5.1", "Leadership and commitment"},
    {"5.2", "Information security policy"},
    {"5.3", "Roles, responsibilities and authorities"},
    {"6", "Planning"},
    {"6.1", "Actions to address risks and opportunities"},
    {"6.1.1", "General"},
    {"6.1.2", "Information security risk assessment"},
    {"6.1.3", "Information security risk treatment"},
    {"6.2", "Information security objectives and planning"},
    {"6.3", "Planning of changes"},
    {"7", "Support"},
    {"7.1", "Resources"},
    {"7.2", "Competence"},
    {"7.3", "Awareness"},
    {"7.4", "Communication"},
    {"7.5", "Documented information"},
    {"7.5.1", "General"},
    {"7.5.2", "Creating and updating"},
    {"7.5.3", "Control of documented information"},
    {"8", "Operation"},
    {"8.1", "Operational planning and control"},
    {"8.2", "Information security risk assessment"},
    {"8.3", "Information security risk treatment"},
    {"9", "Performance evaluation"},
    {"9.1", "Monitoring, measurement, analysis and evaluation"},
    {"9.2", "Internal audit"},
    {"9.2.1", "General"},
    {"9.2.2", "Internal audit programme"},
    {"9.3", "Management review"},
    {"9.3.1", "General"},
    {"9.3.2", "Management review inputs"},
    {"9.3.3", "Management review results"},
    {"10", "Improvement"},
    {"10.1", "Continual improvement"},
    {"10.2", "Nonconformity and corrective action"},
    // Annex A (normative) groups the 93 controls by theme; the controls hang under these.
    {"A.5", "Organizational controls"},
    {"A.6", "People controls"},
    {"A.7", "Physical controls"},
    {"A.8", "Technological controls"},
};

constexpr StandardDef kStandards[] = {
    {kIso9001, "ISO 9001", "ISO 9001:2015 Quality management systems - Requirements", "2015",
     "Quality management", kIso9001Clauses},
    {kIso14001, "ISO 14001", "ISO 14001:2015 Environmental management systems - Requirements",
     "2015", "Environmental management", kIso14001Clauses},
    {kIso45001, "ISO 45001",
     "ISO 45001:2018 Occupational health and safety management systems - Requirements", "2018",
     "Occupational health and safety management", kIso45001Clauses},
    {kIso27001, "ISO/IEC 27001",
     "ISO/IEC 27001:2022 Information security, cybersecurity and privacy protection - "
     "Information security management systems - Requirements",
     "2022", "Information security management, with the Annex A controls", kIso27001Clauses},
};

constexpr std::string_view kOrg = "organizational";
constexpr std::string_view kPeople = "people";
constexpr std::string_view kPhysical = "physical";
constexpr std::string_view kTech = "technological";

constexpr ControlDef kAnnexA[] = {
    {"A.5.1", "Policies for information security", kOrg},
    {"A.5.2", "Information security roles and responsibilities", kOrg},
    {"A.5.3", "Segregation of duties", kOrg},
    {"A.5.4", "Management responsibilities", kOrg},
    {"A.5.5", "Contact with authorities", kOrg},
    {"A.5.6", "Contact with special interest groups", kOrg},
    {"A.5.7", "Threat intelligence", kOrg},
    {"A.5.8", "Information security in project management", kOrg},
    {"A.5.9", "Inventory of information and associated assets", kOrg},
    {"A.5.10", "Acceptable use of information and assets", kOrg},
    {"A.5.11", "Return of assets", kOrg},
    {"A.5.12", "Classification of information", kOrg},
    {"A.5.13", "Labelling of information", kOrg},
    {"A.5.14", "Information transfer", kOrg},
    {"A.5.15", "Access control", kOrg},
    {"A.5.16", "Identity management", kOrg},
    {"A.5.17", "Authentication information", kOrg},
    {"A.5.18", "Access rights", kOrg},
    {"A.5.19", "Information security in supplier relationships", kOrg},
    {"A.5.20", "Security within supplier agreements", kOrg},
    {"A.5.21", "ICT supply chain security", kOrg},
    {"A.5.22", "Monitoring and change of supplier services", kOrg},
    {"A.5.23", "Information security for cloud services", kOrg},
    {"A.5.24", "Incident management planning and preparation", kOrg},
    {"A.5.25", "Assessment of information security events", kOrg},
    {"A.5.26", "Response to information security incidents", kOrg},
    {"A.5.27", "Learning from information security incidents", kOrg},
    {"A.5.28", "Collection of evidence", kOrg},
    {"A.5.29", "Information security during disruption", kOrg},
    {"A.5.30", "ICT readiness for business continuity", kOrg},
    {"A.5.31", "Legal, regulatory and contractual requirements", kOrg},
    {"A.5.32", "Intellectual property rights", kOrg},
    {"A.5.33", "Protection of records", kOrg},
    {"A.5.34", "Privacy and protection of PII", kOrg},
    {"A.5.35", "Independent review of information security", kOrg},
    {"A.5.36", "Compliance with security policies and standards", kOrg},
    {"A.5.37", "Documented operating procedures", kOrg},
    {"A.6.1", "Screening", kPeople},
    {"A.6.2", "Terms and conditions of employment", kPeople},
    {"A.6.3", "Security awareness, education and training", kPeople},
    {"A.6.4", "Disciplinary process", kPeople},
    {"A.6.5", "Responsibilities after termination or change of employment", kPeople},
    {"A.6.6", "Confidentiality or non-disclosure agreements", kPeople},
    {"A.6.7", "Remote working", kPeople},
    {"A.6.8", "Information security event reporting", kPeople},
    {"A.7.1", "Physical security perimeters", kPhysical},
    {"A.7.2", "Physical entry", kPhysical},
    {"A.7.3", "Securing offices, rooms and facilities", kPhysical},
    {"A.7.4", "Physical security monitoring", kPhysical},
    {"A.7.5", "Protection against physical and environmental threats", kPhysical},
    {"A.7.6", "Working in secure areas", kPhysical},
    {"A.7.7", "Clear desk and clear screen", kPhysical},
    {"A.7.8", "Equipment siting and protection", kPhysical},
    {"A.7.9", "Security of assets off-premises", kPhysical},
    {"A.7.10", "Storage media", kPhysical},
    {"A.7.11", "Supporting utilities", kPhysical},
    {"A.7.12", "Cabling security", kPhysical},
    {"A.7.13", "Equipment maintenance", kPhysical},
    {"A.7.14", "Secure disposal or re-use of equipment", kPhysical},
    {"A.8.1", "User endpoint devices", kTech},
    {"A.8.2", "Privileged access rights", kTech},
    {"A.8.3", "Information access restriction", kTech},
    {"A.8.4", "Access to source code", kTech},
    {"A.8.5", "Secure authentication", kTech},
    {"A.8.6", "Capacity management", kTech},
    {"A.8.7", "Protection against malware", kTech},
    {"A.8.8", "Management of technical vulnerabilities", kTech},
    {"A.8.9", "Configuration management", kTech},
    {"A.8.10", "Information deletion", kTech},
    {"A.8.11", "Data masking", kTech},
    {"A.8.12", "Data leakage prevention", kTech},
    {"A.8.13", "Information backup", kTech},
    {"A.8.14", "Redundancy of information processing facilities", kTech},
    {"A.8.15", "Logging", kTech},
    {"A.8.16", "Monitoring activities", kTech},
    {"A.8.17", "Clock synchronization", kTech},
    {"A.8.18", "Use of privileged utility programs", kTech},
    {"A.8.19", "Installation of software on operational systems", kTech},
    {"A.8.20", "Networks security", kTech},
    {"A.8.21", "Security of network services", kTech},
    {"A.8.22", "Segregation of networks", kTech},
    {"A.8.23", "Web filtering", kTech},
    {"A.8.24", "Use of cryptography", kTech},
    {"A.8.25", "Secure development life cycle", kTech},
    {"A.8.26", "Application security requirements", kTech},
    {"A.8.27", "Secure system architecture and engineering principles", kTech},
    {"A.8.28", "Secure coding", kTech},
    {"A.8.29", "Security testing in development and acceptance", kTech},
    {"A.8.30", "Outsourced development", kTech},
    {"A.8.31", "Separation of development, test and production environments", kTech},
    {"A.8.32", "Change management", kTech},
    {"A.8.33", "Test information", kTech},
    {"A.8.34", "Protection of information systems during audit testing", kTech},
};

constexpr MappingMember m(std::string_view code, std::string_view number) {
  return MappingMember{code, number};
}

constexpr std::array<MappingMember, 4> all_four(std::string_view number) {
  return {m(kIso9001, number), m(kIso14001, number), m(kIso45001, number), m(kIso27001, number)};
}

constexpr std::array<MappingMember, 3> first_three(std::string_view number) {
  return {m(kIso9001, number), m(kIso14001, number), m(kIso45001, number)};
}

constexpr std::array<MappingMember, 2> env_ohs(std::string_view number) {
  return {m(kIso14001, number), m(kIso45001, number)};
}

// Members by topic. The spine (same number in all four) first, then the standard-specific sets.
constexpr auto k4 = all_four("4");
constexpr auto k41 = all_four("4.1");
constexpr auto k42 = all_four("4.2");
constexpr auto k43 = all_four("4.3");
constexpr auto k44 = all_four("4.4");
constexpr auto k5 = all_four("5");
constexpr auto k51 = all_four("5.1");
constexpr auto k52 = all_four("5.2");
constexpr auto k53 = all_four("5.3");
constexpr auto k6 = all_four("6");
constexpr auto k61 = all_four("6.1");
constexpr auto k611 = all_four("6.1.1");
constexpr auto k62 = all_four("6.2");
constexpr auto k7 = all_four("7");
constexpr auto k71 = all_four("7.1");
constexpr auto k72 = all_four("7.2");
constexpr auto k73 = all_four("7.3");
constexpr auto k74 = all_four("7.4");
constexpr auto k75 = all_four("7.5");
constexpr auto k751 = all_four("7.5.1");
constexpr auto k752 = all_four("7.5.2");
constexpr auto k753 = all_four("7.5.3");
constexpr auto k8 = all_four("8");
constexpr auto k81 = all_four("8.1");
constexpr auto k9 = all_four("9");
constexpr auto k91 = all_four("9.1");
constexpr auto k92 = all_four("9.2");
constexpr auto k921 = all_four("9.2.1");
constexpr auto k922 = all_four("9.2.2");
constexpr auto k93 = all_four("9.3");
constexpr auto k10 = all_four("10");
constexpr auto k102 = all_four("10.2");
// 27001:2022 swapped the order: its continual improvement is 10.1.
constexpr std::array<MappingMember, 4> kContinual = {m(kIso9001, "10.3"), m(kIso14001, "10.3"),
                                                     m(kIso45001, "10.3"), m(kIso27001, "10.1")};
constexpr auto k101 = first_three("10.1");
constexpr auto k621 = first_three("6.2.1");
constexpr auto k622 = first_three("6.2.2");
constexpr auto k911 = first_three("9.1.1");
// Planning action on risks and opportunities: 9001 numbers it 6.1.2; 27001's risk treatment is the
// nearest counterpart.
constexpr std::array<MappingMember, 3> kPlanningAction = {
    m(kIso9001, "6.1.2"), m(kIso14001, "6.1.4"), m(kIso45001, "6.1.4")};
constexpr std::array<MappingMember, 2> kRiskTreatment = {m(kIso9001, "6.1.2"),
                                                         m(kIso27001, "6.1.3")};
// Environmental aspects, hazards and information security risks are each standard's own risk
// assessment: the same role, different subject.
constexpr std::array<MappingMember, 3> kRiskAssessment = {
    m(kIso14001, "6.1.2"), m(kIso45001, "6.1.2"), m(kIso27001, "6.1.2")};
constexpr auto kCompliance = env_ohs("6.1.3");
constexpr auto k741 = env_ohs("7.4.1");
constexpr auto k742 = env_ohs("7.4.2");
constexpr auto k743 = env_ohs("7.4.3");
constexpr auto kEmergency = env_ohs("8.2");
constexpr auto kComplianceEvaluation = env_ohs("9.1.2");
constexpr std::array<MappingMember, 2> kChanges = {m(kIso9001, "6.3"), m(kIso27001, "6.3")};
constexpr std::array<MappingMember, 2> kManagementOfChange = {m(kIso45001, "8.1.3"),
                                                              m(kIso9001, "8.5.6")};
constexpr std::array<MappingMember, 2> k931 = {m(kIso9001, "9.3.1"), m(kIso27001, "9.3.1")};
constexpr std::array<MappingMember, 2> k932 = {m(kIso9001, "9.3.2"), m(kIso27001, "9.3.2")};
constexpr std::array<MappingMember, 2> k933 = {m(kIso9001, "9.3.3"), m(kIso27001, "9.3.3")};
constexpr std::array<MappingMember, 2> kOutsourcing = {m(kIso45001, "8.1.4"), m(kIso9001, "8.4")};

constexpr std::string_view kEquivalent = "equivalent";
constexpr std::string_view kPartial = "partial";
constexpr std::string_view kRelated = "related";

constexpr MappingGroup kGroups[] = {
    {"Context of the organization", kEquivalent, k4},
    {"Organization and its context", kEquivalent, k41},
    {"Interested parties", kEquivalent, k42},
    {"Scope of the management system", kEquivalent, k43},
    {"Management system and its processes", kEquivalent, k44},
    {"Leadership", kEquivalent, k5},
    {"Leadership and commitment", kEquivalent, k51},
    {"Policy", kEquivalent, k52},
    {"Roles, responsibilities and authorities", kEquivalent, k53},
    {"Planning", kEquivalent, k6},
    {"Actions to address risks and opportunities", kEquivalent, k61},
    {"Risks and opportunities: general", kEquivalent, k611},
    {"Planning action on risks and opportunities", kEquivalent, kPlanningAction},
    {"Risk treatment", kPartial, kRiskTreatment},
    {"Risk assessment of the discipline", kPartial, kRiskAssessment},
    {"Compliance obligations", kEquivalent, kCompliance},
    {"Objectives and planning", kEquivalent, k62},
    {"Objectives", kEquivalent, k621},
    {"Planning to achieve objectives", kEquivalent, k622},
    {"Planning of changes", kEquivalent, kChanges},
    {"Support", kEquivalent, k7},
    {"Resources", kEquivalent, k71},
    {"Competence", kEquivalent, k72},
    {"Awareness", kEquivalent, k73},
    {"Communication", kEquivalent, k74},
    {"Communication: general", kEquivalent, k741},
    {"Internal communication", kEquivalent, k742},
    {"External communication", kEquivalent, k743},
    {"Documented information", kEquivalent, k75},
    {"Documented information: general", kEquivalent, k751},
    {"Creating and updating documented information", kEquivalent, k752},
    {"Control of documented information", kEquivalent, k753},
    {"Operation", kEquivalent, k8},
    {"Operational planning and control", kEquivalent, k81},
    {"Management of change", kRelated, kManagementOfChange},
    {"Outsourced processes and external providers", kRelated, kOutsourcing},
    {"Emergency preparedness and response", kEquivalent, kEmergency},
    {"Performance evaluation", kEquivalent, k9},
    {"Monitoring, measurement, analysis and evaluation", kEquivalent, k91},
    {"Monitoring: general", kEquivalent, k911},
    {"Evaluation of compliance", kEquivalent, kComplianceEvaluation},
    {"Internal audit", kEquivalent, k92},
    {"Internal audit: general", kEquivalent, k921},
    {"Internal audit programme", kEquivalent, k922},
    {"Management review", kEquivalent, k93},
    {"Management review: general", kEquivalent, k931},
    {"Management review inputs", kEquivalent, k932},
    {"Management review outputs", kEquivalent, k933},
    {"Improvement", kEquivalent, k10},
    {"Improvement: general", kEquivalent, k101},
    {"Nonconformity and corrective action", kEquivalent, k102},
    {"Continual improvement", kEquivalent, kContinual},
};

// NOLINTEND(modernize-use-designated-initializers)

}  // namespace

std::span<const StandardDef> standard_catalog() {
  return kStandards;
}

std::span<const ControlDef> annex_a_controls() {
  return kAnnexA;
}

std::span<const MappingGroup> mapping_groups() {
  return kGroups;
}

std::vector<MappingDef> clause_mappings() {
  std::vector<MappingDef> mappings;
  for (const auto& group : kGroups) {
    for (std::size_t i = 0; i < group.members.size(); ++i) {
      for (std::size_t j = i + 1; j < group.members.size(); ++j) {
        if (group.members[i].standard_code != group.members[j].standard_code) {
          mappings.push_back({group.members[i], group.members[j], group.mapping_type});
        }
      }
    }
  }
  return mappings;
}

std::string_view parent_number(std::string_view number) {
  const auto dot = number.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : number.substr(0, dot);
}

}  // namespace qgp::domain::standards
