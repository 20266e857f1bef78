#include "tests/csv/CsvFixture.h"

QStringList CsvFixture::texts(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QString::fromUtf8(item);
    return out;
}
