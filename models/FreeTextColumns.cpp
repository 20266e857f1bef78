#include "models/FreeTextColumns.h"

#include <QAbstractProxyModel>
#include <QList>
#include <QVariant>

namespace {

// A dynamic property of the model: no item role taken, nothing for the views to hold.
constexpr char Property[] = "xpadminFreeTextColumns";

} // namespace

namespace FreeTextColumns {

void mark(QAbstractItemModel *model, std::initializer_list<int> columns)
{
    QList<int> marked = model->property(Property).value<QList<int>>();
    for (const int column : columns) {
        if (!marked.contains(column))
            marked << column;
    }
    model->setProperty(Property, QVariant::fromValue(marked));
}

bool isFreeText(const QAbstractItemModel *model, int column)
{
    for (; model; model = qobject_cast<const QAbstractProxyModel *>(model)
             ? qobject_cast<const QAbstractProxyModel *>(model)->sourceModel()
             : nullptr) {
        if (model->property(Property).value<QList<int>>().contains(column))
            return true;
    }
    return false;
}

} // namespace FreeTextColumns
