#pragma once

#include "core/domain/Result.h"
#include "core/ledger/Ledger.h"

#include <QString>

// Wording shared by the action dialogs, commands and status messages.
namespace ActionText {

// "1 transaction", "3 transactions"
QString transactions(qint64 count);
// "<what>: <the error>" and, when the error leaves no doubt about it, "Nothing was changed."
QString failure(const QString &what, const Error &error);
// The new totals of a change: "alice 1,284, bob 50" (the first few users, then how many more).
QString totals(const LedgerChange &change);
// "Undo: <reason>" / "Redo: <reason>", cut to the longest reason the ledger accepts.
QString stepReason(const QString &prefix, const QString &reason);
// A clause of a message as a sentence of its own: its first letter capitalized ("Transaction …").
QString sentence(QString clause);

} // namespace ActionText
