const path = require('path');
const { task, src, dest } = require('gulp');

/** Copies node and credential icons next to the compiled files, keeping the folder layout (icons/ → dist/icons/). */
function copyIcons() {
	return src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: path.resolve('.'),
		allowEmpty: true,
		encoding: false,
	}).pipe(dest('dist'));
}

task('build:icons', copyIcons);
