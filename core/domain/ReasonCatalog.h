#pragma once

#include <QList>
#include <QString>

#include <utility>

// One reason code an admin keeps (core/reasons): "BUG_COMP", labelled "Bug compensation". A code
// is never deleted once kept, only retired, so an old change keeps its meaning.
struct ReasonCode
{
    QString code;
    QString label;
    bool ticketRequired = false; // an adjustment with this code must name a ticket
    bool retired = false; // kept for old changes; no new adjustment may take it
};

// The reason codes of a ledger and its ticket link pattern, as read at one moment: what a report,
// a statement or a dialog needs to show a change's code by its label and its ticket as a link.
class ReasonCatalog final
{
public:
    QList<ReasonCode> codes; // ordered by code
    QString ticketPattern; // "https://desk.example.com/ticket/{id}"; empty: ticket ids are shown as text

    static QString idPlaceholder() { return QStringLiteral("{id}"); }

    const ReasonCode *find(const QString &code) const;
    // The label of a code; the code itself when it is not known (a report of another ledger).
    QString label(const QString &code) const;
    // "Bug compensation (BUG_COMP)", or empty for no code: how reports name a change's code.
    QString labelWithCode(const QString &code) const;
    bool hasActiveCodes() const;
    QList<ReasonCode> activeCodes() const;
    // A ticket that is a URL is its own link; an id is linked through the pattern (percent-encoded
    // into {id}); without a pattern an id has no link (empty).
    QString ticketLink(const QString &ticket) const;
    static bool isUrl(const QString &ticket);
    // "Bug compensation (BUG_COMP), ticket ZD-4411 <https://desk.example.com/ticket/ZD-4411>": a
    // change's code and ticket in one line of a report (translated); empty when it has neither.
    QString describe(const QString &code, const QString &ticket) const;
    // The code ("reasonCode") and ticket ("ticket") an audit event's snapshot keeps, if any.
    static std::pair<QString, QString> fromSnapshot(const QString &snapshot);
};
