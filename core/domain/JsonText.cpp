#include "core/domain/JsonText.h"

#include <QJsonDocument>

#include <algorithm>

namespace {

bool needsEscape(char16_t c)
{
    return c < 0x20 || c == u'"' || c == u'\\';
}

} // namespace

QString JsonText::string(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += QLatin1Char('"');
    if (std::none_of(value.cbegin(), value.cend(), [](QChar c) { return needsEscape(c.unicode()); })) {
        out += value;
    } else {
        for (const QChar c : value) {
            switch (c.unicode()) {
            case u'"':
                out += QLatin1StringView("\\\"");
                break;
            case u'\\':
                out += QLatin1StringView("\\\\");
                break;
            case u'\b':
                out += QLatin1StringView("\\b");
                break;
            case u'\f':
                out += QLatin1StringView("\\f");
                break;
            case u'\n':
                out += QLatin1StringView("\\n");
                break;
            case u'\r':
                out += QLatin1StringView("\\r");
                break;
            case u'\t':
                out += QLatin1StringView("\\t");
                break;
            default:
                if (c.unicode() < 0x20)
                    out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
                else
                    out += c;
            }
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString JsonText::compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

JsonText &JsonText::add(QLatin1StringView key, const QString &value)
{
    m_fields.emplace_back(key, string(value));
    return *this;
}

JsonText &JsonText::add(QLatin1StringView key, qint64 value)
{
    m_fields.emplace_back(key, QString::number(value));
    return *this;
}

JsonText &JsonText::addNull(QLatin1StringView key)
{
    m_fields.emplace_back(key, QStringLiteral("null"));
    return *this;
}

JsonText &JsonText::addJson(QLatin1StringView key, const QString &objectText)
{
    m_fields.emplace_back(key, objectText);
    return *this;
}

QString JsonText::text() const
{
    // QJsonObject keeps its keys sorted, and QJsonDocument writes them so.
    QVarLengthArray<const std::pair<QLatin1StringView, QString> *, 12> fields;
    qsizetype size = 2;
    for (const auto &field : m_fields) {
        fields.push_back(&field);
        size += field.first.size() + field.second.size() + 4;
    }
    std::sort(fields.begin(), fields.end(), [](const auto *a, const auto *b) { return a->first < b->first; });
    QString out;
    out.reserve(size);
    out += QLatin1Char('{');
    for (const auto *field : fields) {
        if (out.size() > 1)
            out += QLatin1Char(',');
        out += QLatin1Char('"');
        out += field->first;
        out += QLatin1StringView("\":");
        out += field->second;
    }
    out += QLatin1Char('}');
    return out;
}
