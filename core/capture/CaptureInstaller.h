#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

class Database;
class TableNames;

// What `capture status` reports.
struct CaptureStatus
{
    bool installed = false;
    QDateTime since; // UTC: the capture-install event; invalid when unknown
    QString installedBy; // that event's operator, else its actor
    QStringList tables; // the web app's tables that have the trigger ("UserXP", "UserProfile")
    std::optional<qint64> pending; // records waiting to be sealed; none when this role may not read them
    bool maySeal = false; // this role may read and delete the records (seals them with its writes)
    QDateTime rollupsBuilt; // UTC: the charts' rollups (LoggedRollups); invalid when not built
    qint64 rollupsBehind = 0; // events of the log not folded into them yet
    bool rollupsComplete = false; // built with the top users' index and gains (capture install adds them)
    bool keepsEmptyPages = false; // the records' table keeps the pages a seal empties (capture install fixes it)
};

// Capture of changes made outside XP Admin (PostgreSQL): a table in the schema xpadmin that only
// the trigger function writes (SECURITY DEFINER) and only XP Admin's roles read or empty, and
// AFTER INSERT/UPDATE/DELETE row triggers on the web app's "UserXP" and "UserProfile". The
// app's tables keep their columns, indexes and constraints: Prisma sees no difference. Changes
// made in a transaction XP Admin marked (xpadmin.writer) are left to XP Admin's own events.
class CaptureInstaller final
{
    Q_DECLARE_TR_FUNCTIONS(CaptureInstaller)

public:
    explicit CaptureInstaller(Database &db) : m_db(db) { }

    // The statements install runs, in order, for a database administrator to read.
    static QStringList installStatements(const TableNames &tables);
    // The name of the trigger on each captured table.
    static QString triggerName();

    // Creates the table, function and triggers, and records the install in the audit log, in one
    // transaction; then builds the charts' rollups from the rows in another (LoggedRollups: a
    // minute or two for ten million rows). Needs the owner of the ledger's tables (or a
    // superuser). Installed already: an Input error that says so; installed by an XP Admin that
    // did not keep the rollups, or kept them without their index for the top users, adds and
    // builds them (*rollupsOnly then true); by one whose table of records kept the pages a seal
    // empties, lets vacuum give them back (*pagesGivenBack then true).
    Status install(bool *rollupsOnly = nullptr, bool *pagesGivenBack = nullptr);
    // Seals what is pending, then drops the triggers, the function, the table and the charts'
    // rollups, and records the removal: nothing of capture is left but the events it sealed.
    Status remove();
    Result<CaptureStatus> status();

private:
    Status checkPostgres() const;
    Status checkOwner();
    Result<bool> isInstalled();
    // Whether the table of records keeps its empty pages (vacuum_truncate = false, as installs
    // before 2026-12-07 made it): every seal then reads as many pages as the largest burst left.
    Result<bool> keepsEmptyPages();

    Database &m_db;
};
