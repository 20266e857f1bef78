#include "core/reasons/ReasonCheck.h"

#include "core/domain/Validation.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace ReasonCheck {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ReasonCheck", text);
}

bool validHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))
        && !text.contains(QRegularExpression(QStringLiteral("\\s")));
}

} // namespace
} // namespace ReasonCheck

Result<QString> ReasonCheck::code(const QString &field, const QString &text)
{
    const QString code = text.trimmed();
    if (code.isEmpty())
        return Error::input(tr("%1 is empty: give a reason code such as BUG_COMP").arg(field));
    static const QRegularExpression format(QStringLiteral("^[A-Z][A-Z0-9_]*$"));
    if (code.size() < MinCodeLength || code.size() > MaxCodeLength || !format.match(code).hasMatch())
        return Error::input(tr("%1 %2 is not a valid reason code: use %3 to %4 capital letters, digits and _, "
                               "starting with a letter (for example BUG_COMP)")
                                .arg(field, Validation::quoted(code))
                                .arg(MinCodeLength)
                                .arg(MaxCodeLength));
    return code;
}

Result<QString> ReasonCheck::label(const QString &field, const QString &text)
{
    const QString label = text.trimmed();
    if (const Status s = Validation::requiredText(field, label, MaxLabelLength); !s)
        return s.error();
    if (label.contains(QRegularExpression(QStringLiteral("[\\x{0}-\\x{1f}\\x{7f}]"))))
        return Error::input(tr("%1 %2 has a line break or control character: a label is one line")
                                .arg(field, Validation::quoted(label)));
    return label;
}

Result<QString> ReasonCheck::ticket(const QString &field, const QString &text)
{
    const QString ticket = text.trimmed();
    if (ticket.isEmpty())
        return ticket;
    if (ReasonCatalog::isUrl(ticket)) {
        if (ticket.size() > MaxTicketUrlLength || !validHttpUrl(ticket))
            return Error::input(tr("%1 %2 is not a valid ticket link: give a complete http(s) address of at most %3 "
                                   "characters, without spaces")
                                    .arg(field, Validation::quoted(ticket))
                                    .arg(MaxTicketUrlLength));
        return ticket;
    }
    static const QRegularExpression id(QStringLiteral("^#?[A-Za-z0-9][A-Za-z0-9._/-]*$"));
    if (ticket.size() > MaxTicketIdLength || !id.match(ticket).hasMatch())
        return Error::input(tr("%1 %2 is neither a ticket id (up to %3 letters, digits and . _ - /, such as ZD-4411 or "
                               "#1234) nor an http(s) address")
                                .arg(field, Validation::quoted(ticket))
                                .arg(MaxTicketIdLength));
    return ticket;
}

Result<QString> ReasonCheck::ticketPattern(const QString &field, const QString &text)
{
    const QString pattern = text.trimmed();
    if (pattern.isEmpty())
        return pattern;
    QString example = pattern;
    example.replace(ReasonCatalog::idPlaceholder(), QStringLiteral("1234"));
    if (!pattern.contains(ReasonCatalog::idPlaceholder()) || !ReasonCatalog::isUrl(pattern)
        || pattern.size() > MaxTicketUrlLength || !validHttpUrl(example))
        return Error::input(tr("%1 %2 is not a ticket link pattern: give an http(s) address with {id} where the "
                               "ticket id goes, for example https://desk.example.com/ticket/{id}")
                                .arg(field, Validation::quoted(pattern)));
    return pattern;
}

QString ReasonCheck::activeList(const ReasonCatalog &catalog)
{
    QStringList names;
    for (const ReasonCode &code : catalog.activeCodes())
        names << QStringLiteral("%1 (%2)").arg(code.code, code.label);
    if (names.isEmpty())
        return tr("none: every code is retired");
    return names.join(QStringLiteral(", "));
}

Result<ReasonTag> ReasonCheck::forAdjustment(const ReasonCatalog &catalog, const ReasonTag &given,
                                             const QString &codeField, const QString &ticketField)
{
    ReasonTag tag;
    auto ticket = ReasonCheck::ticket(ticketField, given.ticket);
    if (!ticket)
        return ticket.error();
    tag.ticket = *ticket;
    if (given.code.trimmed().isEmpty()) {
        if (catalog.hasActiveCodes())
            return Error::input(tr("%1 is required: every manual change takes a reason code; the codes are %2")
                                    .arg(codeField, activeList(catalog)));
        return tag;
    }
    auto code = ReasonCheck::code(codeField, given.code);
    if (!code)
        return code.error();
    const ReasonCode *known = catalog.find(*code);
    if (!known) {
        if (!catalog.hasActiveCodes())
            return Error::input(tr("%1 %2: this ledger has no reason codes yet (an admin adds them with "
                                   "xpadmin-cli reason-codes add)")
                                    .arg(codeField, Validation::quoted(*code)));
        return Error::input(tr("%1 %2 is not a reason code; the codes are %3")
                                .arg(codeField, Validation::quoted(*code), activeList(catalog)));
    }
    if (known->retired)
        return Error::input(tr("%1 %2 (%3) is retired and takes no new changes; the codes are %4")
                                .arg(codeField, *code, known->label, activeList(catalog)));
    if (known->ticketRequired && tag.ticket.isEmpty())
        return Error::input(
            tr("%1 is required: reason code %2 (%3) needs a ticket id or link").arg(ticketField, *code, known->label));
    tag.code = *code;
    return tag;
}
