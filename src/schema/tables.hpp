#pragma once

#include <vector>

#include "schema/model.hpp"

// The declared schema, one function per module (src/schema/tables_<module>.cpp). declared.cpp
// concatenates them in an order where every foreign-key target precedes the referencing table.
namespace qgp::schema::tables {

std::vector<Function> functions();

std::vector<Table> identity();         // users, roles, permissions, tokens, login attempts
std::vector<Table> audit_trail();      // audit_log, audit_chain, audit_checkpoints
std::vector<Table> standards();        // standards, clauses, controls, mappings, SoA
std::vector<Table> risks();            // risks, risk controls, assessments, links
std::vector<Table> audits();           // templates, versions, sections, questions, runs, findings
std::vector<Table> incidents();        // incidents and their links
std::vector<Table> collisions();       // road traffic collisions and third parties
std::vector<Table> complaints();       // complaints and their links
std::vector<Table> policies();         // policies and their links (versions come later)
std::vector<Table> reviews();          // management reviews, their attendees, inputs, outputs
std::vector<Table> actions();          // the unified CAPA register
std::vector<Table> review_actions();   // actions raised from a management review's output
std::vector<Table> investigations();   // root cause analyses, their whys, factors and actions
std::vector<Table> attachments();      // file metadata, owned by one record each
std::vector<Table> policy_versions();  // needs attachments for the version's document

}  // namespace qgp::schema::tables
