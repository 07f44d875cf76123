const path = require('path');
const { task, src, dest } = require('gulp');

/** Copies icons and node codex files (*.node.json) next to the compiled files, keeping the folder layout. */
function copyIcons() {
	return src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: path.resolve('.'),
		allowEmpty: true,
		encoding: false,
	}).pipe(dest('dist'));
}

task('build:icons', copyIcons);
