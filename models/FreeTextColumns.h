#pragma once

#include <initializer_list>

class QAbstractItemModel;

// The columns of a model that hold long free text (a description, a reason, a source id a caller
// chose, a long generated id): in a narrow window such a cell may end in an ellipsis, its tooltip
// or the detail pane has it all. Every other cell (a name, an email, a time, a label, a number)
// is meant to be read whole; the window tour checks that it is.
namespace FreeTextColumns {

void mark(QAbstractItemModel *model, std::initializer_list<int> columns);
// Also through proxy models, which keep their source's columns.
bool isFreeText(const QAbstractItemModel *model, int column);

} // namespace FreeTextColumns
