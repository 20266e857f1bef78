#pragma once

#include "core/db/Job.h"
#include "core/domain/ReasonCatalog.h"
#include "core/reasons/ReasonTag.h"

#include <QHash>
#include <QString>

#include <optional>

// The window's work on reason codes (ReasonCodes), as jobs posted to the session's worker. Each
// change reads the codes back, so the view shows what is stored now.
namespace ReasonJobs {

struct Listing
{
    ReasonCatalog catalog;
    QHash<QString, qint64> uses; // code -> transactions that took it
};

// One transaction's code and ticket, with the codes to name them by.
struct Tagged
{
    ReasonTag tag;
    ReasonCatalog catalog;
};

Job<ReasonCatalog> catalog();
Job<Tagged> tagOf(const QString &xpId);
Job<Listing> listing();
Job<Listing> add(const QString &code, const QString &label, bool ticketRequired);
Job<Listing> change(const QString &code, const std::optional<QString> &label, std::optional<bool> ticketRequired);
Job<Listing> retire(const QString &code);
Job<Listing> setTicketPattern(const QString &pattern);

} // namespace ReasonJobs
