#pragma once

#include "tests/approval/SecondPerson.h"
#include "tests/support/TestBackend.h"

#include <QString>

#include <memory>
#include <optional>

// What the maker-checker tests share: a fresh database per test with users u1 and u2, the owner
// ("tester") on it, a second person who may approve, and plain-SQL views of the ledger.
class ApprovalFixture
{
protected:
    // For the test's init() and cleanup(): a fresh database, skipped (failed under CI) without
    // the backend; Qt Test sees the skip or failure once init() returns.
    void openDatabase();
    void closeDatabase();

    qint64 scalar(const QString &sql, const Bindings &bindings = {});
    qint64 rowsOf(const QString &userId);
    qint64 totalOf(const QString &userId);
    qint64 auditCount(const QString &action);
    QString stateOf(const QString &id);
    // Holds an adjustment of amount for u1, as the owner ("tester"); returns the request id.
    QString hold(qint64 amount, const QString &reason = QStringLiteral("Ticket 77: bonus"));
    std::unique_ptr<Database> openChecker(const QString &operatorName = SecondPerson::operatorName());

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SecondPerson> m_checker;
};
