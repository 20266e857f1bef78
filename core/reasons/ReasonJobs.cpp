#include "core/reasons/ReasonJobs.h"

#include "core/reasons/ReasonCodes.h"

namespace ReasonJobs {

namespace {

Result<Listing> read(Database &db)
{
    ReasonCodes codes(db);
    auto catalog = codes.catalog();
    if (!catalog)
        return catalog.error();
    auto uses = codes.uses();
    if (!uses)
        return uses.error();
    return Listing{*catalog, *uses};
}

// Runs a change, then reads the codes back.
Job<Listing> changing(std::function<Status(ReasonCodes &)> change)
{
    return [change = std::move(change)](Database &db) -> Result<Listing> {
        ReasonCodes codes(db);
        if (const Status s = change(codes); !s)
            return s.error();
        return read(db);
    };
}

} // namespace

Job<ReasonCatalog> catalog()
{
    return [](Database &db) { return ReasonCodes(db).catalog(); };
}

Job<Tagged> tagOf(const QString &xpId)
{
    return [xpId](Database &db) -> Result<Tagged> {
        ReasonCodes codes(db);
        auto tag = codes.tagOf(xpId);
        if (!tag)
            return tag.error();
        auto catalog = codes.catalog();
        if (!catalog)
            return catalog.error();
        return Tagged{*tag, *catalog};
    };
}

Job<Listing> listing()
{
    return [](Database &db) { return read(db); };
}

Job<Listing> add(const QString &code, const QString &label, bool ticketRequired)
{
    return changing([=](ReasonCodes &codes) { return codes.add(code, label, ticketRequired); });
}

Job<Listing> change(const QString &code, const std::optional<QString> &label, std::optional<bool> ticketRequired)
{
    return changing([=](ReasonCodes &codes) { return codes.change(code, label, ticketRequired); });
}

Job<Listing> retire(const QString &code)
{
    return changing([=](ReasonCodes &codes) { return codes.retire(code); });
}

Job<Listing> setTicketPattern(const QString &pattern)
{
    return changing([=](ReasonCodes &codes) { return codes.setTicketPattern(pattern); });
}

} // namespace ReasonJobs
